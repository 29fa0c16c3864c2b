import type { CheckoutApiError } from '../createCheckoutApi.ts';
import { describeError } from '../describeError.ts';
import type { I18n } from '../i18n/createI18n.ts';
import type { AccountMessages } from './accountMessages.ts';

/**
 * What the customer reads of an account error: the account's own words for its codes, the
 * checkout's for a card's refusal, in their language; a code neither knows reads as ours to fix.
 */
export function describeAccountError(
  i18n: I18n,
  t: AccountMessages,
  error: CheckoutApiError,
): string {
  if (error.code === ('invalid_state' as string)) return t.errors.invalid_state;
  return describeError(i18n, error) ?? t.errors.generic;
}
