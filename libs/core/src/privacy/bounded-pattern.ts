import { WorkCounter } from './normalise';

/**
 * True when a regular expression has no unbounded repetition (`*`, `+`, `{n,}`) outside a character
 * class. Every match attempt of such a pattern reads a bounded number of characters from its
 * start, so testing it over a text costs at most a constant times the text's length: no input can
 * make it backtrack without end.
 */
export function isBoundedPattern(source: string): boolean {
  const outsideClasses = source
    .replace(/\\./g, 'x') // escapes, including \[ and \*
    .replace(/\[[^\]]*\]/g, 'x'); // character classes
  return !/[*+]|\{\d+,\}/.test(outsideClasses);
}

/** A pattern of the guard; refused when it is built (at start-up) if a repetition is unbounded. */
export function boundedPattern(source: string, flags: string): RegExp {
  if (!isBoundedPattern(source))
    throw new Error(`privacy guard pattern with unbounded repetition: ${source}`);
  return new RegExp(source, flags);
}

/** Tests a pattern, counting the characters it is run over. */
export function matches(pattern: RegExp, text: string, work: WorkCounter): boolean {
  work.steps += text.length;
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/** All matches of a global pattern, counting the characters it is run over. */
export function allMatches(pattern: RegExp, text: string, work: WorkCounter): RegExpMatchArray[] {
  work.steps += text.length;
  return [...text.matchAll(pattern)];
}
