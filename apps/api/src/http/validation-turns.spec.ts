import { ArgumentMetadata, BadRequestException } from '@nestjs/common';
import { IsString, ValidateBy } from 'class-validator';
import { FairValidationPipe, LARGE_BODY_CHARACTERS, noteBodySize } from './validation-turns';

const order: string[] = [];

/** Records each validation; the one of `a` also schedules what a request arriving meanwhile would be. */
class Body {
  @IsString()
  @ValidateBy({
    name: 'recorded',
    validator: {
      validate: (value: unknown) => {
        order.push(String(value));
        if (value === 'a') setImmediate(() => order.push('health check'));
        return value !== 'refused';
      },
    },
  })
  text!: string;
}

const metadata: ArgumentMetadata = { type: 'body', metatype: Body };

function body(text: string, characters: number) {
  const value = { text };
  noteBodySize(value, characters);
  return value;
}

describe('FairValidationPipe', () => {
  beforeEach(() => (order.length = 0));

  it('validates large bodies one per event-loop turn, serving what arrived in between', async () => {
    const pipe = new FairValidationPipe({ whitelist: true });
    const large = LARGE_BODY_CHARACTERS;
    await Promise.all([
      pipe.transform(body('a', large), metadata),
      pipe.transform(body('b', large), metadata),
    ]);
    expect(order).toEqual(['a', 'health check', 'b']);
  });

  it('validates small bodies at once, as the plain pipe does', async () => {
    const pipe = new FairValidationPipe({ whitelist: true });
    const small = LARGE_BODY_CHARACTERS - 1;
    await Promise.all([
      pipe.transform(body('a', small), metadata),
      pipe.transform(body('b', small), metadata),
    ]);
    // Both were validated before the event loop took another turn.
    expect(order).toEqual(['a', 'b']);
  });

  it('refuses an invalid large body and goes on with the next', async () => {
    const pipe = new FairValidationPipe({ whitelist: true });
    const large = LARGE_BODY_CHARACTERS;
    const refused = pipe.transform(body('refused', large), metadata);
    const next = pipe.transform(body('b', large), metadata);
    await expect(refused).rejects.toBeInstanceOf(BadRequestException);
    await expect(next).resolves.toEqual({ text: 'b' });
  });
});
