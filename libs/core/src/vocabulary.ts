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

/** A UUID as Haven's ids are written (API.md: ids are UUIDs), in either case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
