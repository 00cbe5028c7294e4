// Vietnamese text helpers for matching what a user types against what the data says.

/**
 * The search key of a text: no diacritics, đ → d, lower case. "Phường Thuận Thành" and
 * "phuong thuan thanh" fold to the same key. NFD first, so precomposed (NFC) and decomposed
 * (NFD, as pasted from macOS) input give the same result.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** The folded text with runs of white space made one space and the ends trimmed. */
export function searchKey(text: string): string {
  return fold(text).replace(/\s+/g, ' ').trim();
}

/**
 * Whether `haystack` contains the typed `query`, ignoring case, diacritics and extra spaces.
 * An empty query matches everything. Pass an already folded haystack (from `searchKey`) when
 * matching the same text many times.
 */
export function matchesQuery(haystackKey: string, query: string): boolean {
  const q = searchKey(query);
  return q === '' || haystackKey.includes(q);
}
