import type { CheckoutApiError } from './createCheckoutApi.ts';
import type { I18n } from './i18n/createI18n.ts';

/** Codes about the request itself: a bug or a misconfiguration, for developers to read. */
const DEVELOPER_CODES = new Set([
  'invalid_request',
  'malformed_json',
  'unsupported_media_type',
  'body_too_large',
  'cross_site_request',
  'not_found',
  'internal_error',
  'completion_failed',
  'unknown_error',
]);

/**
 * What the customer reads of an error: the page's own words for its code, in their language.
 * The service's message is for developers: for a code that means a bug, it goes to the console
 * (the merchant's, in the browser's tools), never on the screen.
 */
export function describeError(i18n: I18n, error: CheckoutApiError): string {
  if (DEVELOPER_CODES.has(error.code)) {
    console.error(`Lava Checkout: the checkout could not go on (${error.code}): ${error.message}`);
  }
  // A refusal for the card's number reads as such, whatever code the processor gave it.
  if (error.param === 'card_number') return i18n.t.errors.invalid_card_number;
  const text = i18n.t.errors[error.code];
  return typeof text === 'function'
    ? text({ attemptsLeft: error.attemptsLeft ?? 0, wait: i18n.wait(error.retryAfter ?? 60) })
    : text;
}
