import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findIdentifiers, IdentifierKind } from './privacy-guard';

/**
 * The guard's quality on the corpus in test/data/privacy (every name, number and address in it is
 * fictional). `npm test` fails when either side falls below 98% in any language; `npm run
 * privacy:report` prints the figures (and the texts it gets wrong) recorded in the README.
 */
const LANGUAGES = { en: 'English', ar: 'Arabic', ckb: 'Sorani', kmr: 'Kurmanji' } as const;
type Language = keyof typeof LANGUAGES;
interface Corpus {
  refuse: { text: string; kind: IdentifierKind }[];
  pass: string[];
}
const MINIMUM = 0.98;

function load(language: Language): Corpus {
  return JSON.parse(
    readFileSync(join(__dirname, '../../../../test/data/privacy', `${language}.json`), 'utf8'),
  );
}

const results = (Object.keys(LANGUAGES) as Language[]).map((language) => {
  const corpus = load(language);
  const missed = corpus.refuse.filter(({ text }) => findIdentifiers(text).length === 0);
  const wrongKind = corpus.refuse.filter(({ text, kind }) => !findIdentifiers(text).includes(kind));
  const refusedBenign = corpus.pass.filter((text) => findIdentifiers(text).length > 0);
  return {
    language,
    corpus,
    missed,
    wrongKind,
    refusedBenign,
    refusedRate: 1 - missed.length / corpus.refuse.length,
    passedRate: 1 - refusedBenign.length / corpus.pass.length,
  };
});

afterAll(() => {
  const percent = (rate: number) => `${(100 * rate).toFixed(1)}%`;
  const lines = [
    '',
    'privacy guard corpus (test/data/privacy)',
    '| language | identifying refused | right kind | benign passed |',
    '|---|---|---|---|',
  ];
  for (const result of results) {
    const { refuse, pass } = result.corpus;
    lines.push(
      `| ${LANGUAGES[result.language]} | ${refuse.length - result.missed.length}/${refuse.length} (${percent(result.refusedRate)}) | ` +
        `${percent(1 - result.wrongKind.length / refuse.length)} | ${pass.length - result.refusedBenign.length}/${pass.length} (${percent(result.passedRate)}) |`,
    );
  }
  if (process.env.PRIVACY_REPORT) {
    for (const result of results) {
      for (const { text, kind } of result.wrongKind)
        lines.push(`  ${result.language} not refused as ${kind}: ${text}`);
      for (const text of result.refusedBenign) lines.push(`  ${result.language} refused benign: ${text}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
});

describe('privacy guard corpus', () => {
  it('holds identifying and benign texts in all four languages, benign as many as identifying', () => {
    for (const { corpus } of results) {
      expect(corpus.refuse.length).toBeGreaterThanOrEqual(20);
      expect(corpus.pass.length).toBeGreaterThanOrEqual(corpus.refuse.length * 0.9);
    }
  });

  it.each(results.map((result) => [LANGUAGES[result.language], result]))(
    '%s: refuses at least 98% of identifying texts and passes at least 98% of benign ones',
    (_name, result) => {
      expect(result.refusedRate).toBeGreaterThanOrEqual(MINIMUM);
      expect(result.passedRate).toBeGreaterThanOrEqual(MINIMUM);
    },
  );
});
