import { HELD_OUT_PASS, HELD_OUT_REFUSE, MUST_PASS, MUST_REFUSE } from './privacy-corpus';
import { findIdentifiers, normaliseDigits } from './privacy-guard';

/** The guard's quality on the corpus, printed with the test output and recorded in libs/core/README.md. */
describe('privacy guard corpus', () => {
  const caught = MUST_REFUSE.filter(({ text }) => findIdentifiers(text).length > 0);
  const rightKind = MUST_REFUSE.filter(({ text, kind }) => findIdentifiers(text).includes(kind));
  const falsePositives = MUST_PASS.filter((text) => findIdentifiers(text).length > 0);

  afterAll(() => {
    const percent = (count: number, total: number) => `${((100 * count) / total).toFixed(1)}%`;
    process.stdout.write(
      `\nprivacy guard: caught ${caught.length}/${MUST_REFUSE.length} (${percent(caught.length, MUST_REFUSE.length)}), ` +
        `right kind ${percent(rightKind.length, MUST_REFUSE.length)}, ` +
        `false positives ${falsePositives.length}/${MUST_PASS.length} (${percent(falsePositives.length, MUST_PASS.length)})\n`,
    );
  });

  it('has a corpus of at least 150 texts to refuse and 150 to pass', () => {
    expect(MUST_REFUSE.length).toBeGreaterThanOrEqual(150);
    expect(MUST_PASS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(MUST_REFUSE.map(({ text, kind }) => [kind, text]))('refuses %s: %s', (kind, text) => {
    expect(findIdentifiers(text)).toContain(kind);
  });

  it.each(MUST_PASS.map((text) => [text]))('lets through: %s', (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });
});

describe('privacy guard held-out examples', () => {
  it.each(HELD_OUT_REFUSE.map((text) => [text]))('refuses: %s', (text) => {
    expect(findIdentifiers(text).length).toBeGreaterThan(0);
  });

  it.each(HELD_OUT_PASS.map((text) => [text]))('lets through: %s', (text) => {
    expect(findIdentifiers(text)).toEqual([]);
  });
});

describe('normaliseDigits', () => {
  it('reads Arabic-Indic and Persian digits', () => {
    expect(normaliseDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });
});
