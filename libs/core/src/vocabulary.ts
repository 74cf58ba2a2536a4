/** The kinds of need Haven knows; organisations declare focus areas from the same list. */
export const NEED_CATEGORIES = [
  'education',
  'mentorship',
  'supplies',
  'health',
  'psychosocial',
  'livelihoods',
  'other',
] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
