import { Param, ParseUUIDPipe } from '@nestjs/common';

/** A path id: a UUID, and anything else answers 404, exactly like an id that names nothing. */
export const IdParam = (name = 'id') => Param(name, new ParseUUIDPipe({ errorHttpStatusCode: 404 }));
