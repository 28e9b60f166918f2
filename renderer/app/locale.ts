/**
 * The user's locale, sent with everything typed: dates and numbers are read in its order
 * and marks by the one parser (preload/contract/parse.ts), here to refuse at the cell and
 * in main to validate the write. Browser tests set it through Chromium's locale.
 */
export function userLocale(): string {
  // Outside a browser (unit tests of renderer modules) the runtime's own locale.
  return (typeof navigator !== 'undefined' && navigator.language) || Intl.DateTimeFormat().resolvedOptions().locale || 'en-US';
}
