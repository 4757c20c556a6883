/**
 * Whether two field values are the same once stored: a list drops empty text (so '', null and
 * undefined are one), and SharePoint keeps date-times to the second.
 */
export function sameStoredValue(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || v === '';
  if (empty(a) || empty(b)) return empty(a) && empty(b);
  if (typeof a === 'string' && typeof b === 'string' && ISO_INSTANT.test(a) && ISO_INSTANT.test(b)) {
    return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
