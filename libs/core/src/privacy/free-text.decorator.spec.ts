import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { validationFailed } from '../errors/validation';
import { FreeText, IsPrivacySafe, PRIVACY_CONSTRAINT, WebAddress } from './free-text.decorator';
import * as guard from './privacy-guard';
import { IDENTIFIER_LABELS } from './privacy-guard';

class Sample {
  @FreeText(200, { min: 2 }) title: string;
  @FreeText(5000) description: string;
  @FreeText(50, { maxItems: 30 }) skills: string[];
  @WebAddress() website: string;
}

const valid: Sample = {
  title: 'English club',
  description: 'Conversation practice\n\tfor adults, twice a week.',
  skills: ['teaching', 'first aid'],
  website: 'https://example.org/about',
};

async function errors(overrides: Partial<Record<keyof Sample, unknown>>): Promise<ValidationError[]> {
  return validate(plainToInstance(Sample, { ...valid, ...overrides }));
}

const constraintsOf = (found: ValidationError[], property: string) =>
  found.find((error) => error.property === property)?.constraints ?? {};

describe('@FreeText', () => {
  it('accepts ordinary text, trimming it', async () => {
    expect(await errors({})).toEqual([]);
    const trimmed = plainToInstance(Sample, { ...valid, title: '  Maths club  ', skills: [' maths '] });
    expect(trimmed.title).toBe('Maths club');
    expect(trimmed.skills).toEqual(['maths']);
  });

  it.each([
    ['NUL', 'te\u0000ach'],
    ['escape', 'te\u001bach'],
    ['DEL', 'te\u007fach'],
    ['a C1 control', 'te\u0085ach'],
    ['a newline in a short text', 'line one\nline two'],
    ['a tab in a short text', 'col\tumn'],
  ])('refuses %s with a 400 rule, not the guard', async (_name, text) => {
    const found = await errors({ title: text, skills: [text] });
    expect(Object.keys(constraintsOf(found, 'title'))).toEqual(['matches']);
    expect(Object.keys(constraintsOf(found, 'skills'))).toEqual(['matches']);
    expect(validationFailed(found).status).toBe(400);
  });

  it('allows newlines and tabs in long texts, but no other control character', async () => {
    expect(await errors({ description: 'one\r\ntwo\tthree' })).toEqual([]);
    const found = await errors({ description: 'one\u0000two' });
    expect(Object.keys(constraintsOf(found, 'description'))).toEqual(['matches']);
  });

  it('names the list entry and the kind, never the text', async () => {
    const found = await errors({ skills: ['teaching', 'call 0791234567'] });
    const error = validationFailed(found);
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([
      {
        field: 'skills',
        message: expect.stringMatching(/^skills\[1\] contains a phone number; /),
      },
    ]);
    expect(JSON.stringify(error.errors)).not.toMatch(/0791|call/);
  });

  it('reads a list as one text too: ["Amira", "aged 12", "tent", "4"]', async () => {
    const found = await errors({ skills: ['Amira', 'aged 12', 'tent', '4'] });
    expect(Object.keys(constraintsOf(found, 'skills'))).toEqual([PRIVACY_CONSTRAINT]);
    const message = constraintsOf(found, 'skills')[PRIVACY_CONSTRAINT];
    expect(message).toMatch(/^skills \(the list read as one text\) contains /);
    expect(message).toContain(IDENTIFIER_LABELS.person_age);
    expect(message).not.toMatch(/Amira|12|tent/);
  });

  it('reads a website as text', async () => {
    expect(await errors({ website: 'https://example.org/families/amira-12-tent-4' })).not.toEqual([]);
    expect(await errors({ website: 'https://example.org/contact?to=fatima.h%40example.com' })).not.toEqual(
      [],
    );
    expect(await errors({ website: 'https://example.org/projects/winter-2026' })).toEqual([]);
  });

  it('counts the texts it reads', async () => {
    const before = guard.guardCalls();
    await errors({});
    // title, description, the two skills and the list read as one, the website
    expect(guard.guardCalls() - before).toBe(6);
  });

  it('runs no guard over a list longer than its limit, or an entry longer than its limit', async () => {
    const calls = jest.spyOn(guard, 'findIdentifiers');
    try {
      const found = await errors({
        skills: Array.from({ length: 10_000 }, () => '0791 234 567 0791 234 567 0791 234 567 0791'),
      });
      expect(Object.keys(constraintsOf(found, 'skills'))).toContain('arrayMaxSize');
      const tooLong = await errors({ skills: ['x'.repeat(51)], title: 'x'.repeat(201) });
      expect(Object.keys(constraintsOf(tooLong, 'title'))).toEqual(['isLength']);
      // only the fields within their limits were read: title, description and website, then
      // description and website; never the 10,000 entries nor the over-long texts
      const read = calls.mock.calls.map(([text]) => text);
      expect(read.filter((text) => text === valid.title || text === valid.description)).toHaveLength(3);
      expect(read).toHaveLength(5);
      expect(read.some((text) => text.includes('0791') || text.startsWith('xxx'))).toBe(false);
    } finally {
      calls.mockRestore();
    }
  });
});

describe('refusals never echo what matched, in any language', () => {
  const labels = Object.values(IDENTIFIER_LABELS).map((label) => label.replace(/[()'.]/g, '\\$&'));
  const shape = new RegExp(
    `^description contains (?:${labels.join('|')})(?: and (?:${labels.join('|')}))*; Haven stores no personal details of the people you serve, only aggregate counts$`,
  );

  it.each(['en', 'ar', 'ckb', 'kmr'])(
    '%s: every refused text gets only the fixed labels',
    async (language) => {
      const corpus = JSON.parse(
        readFileSync(join(__dirname, '../../../../test/data/privacy', `${language}.json`), 'utf8'),
      ) as { refuse: { text: string }[] };
      for (const { text } of corpus.refuse) {
        const found = await errors({ description: text });
        const message = constraintsOf(found, 'description')[PRIVACY_CONSTRAINT];
        if (message === undefined) continue; // a miss; the corpus suite counts those
        expect(message).toMatch(shape);
      }
    },
  );
});

describe('@IsPrivacySafe({ each: true }) on a list, as older DTOs declared it', () => {
  class Older {
    @IsPrivacySafe({ each: true }) tags: string[];
  }

  it('still names the entry and the kind', async () => {
    const found = await validate(plainToInstance(Older, { tags: ['maths', 'tent 4'] }));
    expect(found[0].constraints?.[PRIVACY_CONSTRAINT]).toMatch(
      /^tags\[1\] contains an address or shelter location; /,
    );
  });
});
