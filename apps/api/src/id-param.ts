import { Param, ParseUUIDPipe } from '@nestjs/common';

/**
 * A path id: a UUID, else 400. The request hook `refuseMalformedUrls` refuses it first, before any
 * guard or pipe runs; this pipe keeps the rule beside the parameter.
 */
export const IdParam = (name = 'id') => Param(name, new ParseUUIDPipe({ errorHttpStatusCode: 400 }));
