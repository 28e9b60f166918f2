/**
 * The user's locale, sent with everything typed: dates and numbers are read in its order
 * and marks by the one parser (preload/contract/parse.ts), here to refuse at the cell and
 * in main to validate the write. Browser tests set it through Chromium's locale.
 */
export function userLocale(): string {
  return navigator.language || 'en-US';
}
