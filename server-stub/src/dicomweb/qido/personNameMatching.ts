/**
 * Person name matching is case and accent insensitive, which PS3.4 C.2.2.2.1 allows for PN.
 * Fuzzy matching (fuzzymatching=true) also matches a pattern against the start of any name
 * component, so "jo" finds "Doe^John" and "do" finds it too.
 */
export function normalizePersonName(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\^ ]+$/, '').trim();
}

/** Each name component, normalized, between "^" separators: "^doe^john^". Components are split on "^" and spaces. */
export function personNameWords(value: string): string {
  const words = normalizePersonName(value).split(/[\^ =]+/).filter(Boolean);
  return `^${words.join('^')}^`;
}
