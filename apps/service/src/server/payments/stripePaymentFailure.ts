import type { PaymentFailure } from './PaymentProcessor.ts';

const failure = (
  code: PaymentFailure['code'],
  message: string,
  param?: PaymentFailure['param'],
): PaymentFailure => (param ? { code, message, param } : { code, message });

const DECLINED = failure('card_declined', 'Your card was declined. Try another card.');
const EXPIRED = failure('expired_card', 'Your card has expired. Try another card.', 'card_expiry');
const WRONG_CVC = failure(
  'incorrect_cvc',
  "Your card's security code is incorrect. Check it and try again.",
  'card_cvc',
);
const WRONG_NUMBER = failure(
  'card_declined',
  'Your card number is incorrect. Check it and try again.',
  'card_number',
);
const LIMIT = failure(
  'card_declined',
  'Your card has reached its spending limit. Try another card.',
);
const BANK_BUSY = failure(
  'processing_error',
  'Your bank could not process the payment. Try again in a moment.',
);

const AUTHENTICATION_REQUIRED = failure(
  'authentication_required',
  'Your bank asks you to confirm this payment. Pay again while you are there to confirm it.',
);

/** Issuer decline codes a customer can act on; every other one reads as a plain decline. */
const BY_DECLINE_CODE: Readonly<Record<string, PaymentFailure>> = {
  insufficient_funds: failure(
    'insufficient_funds',
    'Your card has insufficient funds. Try another card.',
  ),
  card_velocity_exceeded: LIMIT,
  withdrawal_count_limit_exceeded: LIMIT,
  expired_card: EXPIRED,
  incorrect_cvc: WRONG_CVC,
  invalid_cvc: WRONG_CVC,
  incorrect_number: WRONG_NUMBER,
  card_not_supported: failure(
    'card_declined',
    'Your card does not support this kind of purchase. Try another card.',
  ),
  currency_not_supported: failure(
    'card_declined',
    'Your card does not support payments in US dollars. Try another card.',
  ),
  authentication_required: failure(
    'authentication_failed',
    'Your bank asks you to confirm this payment. Try again and complete the check.',
  ),
  processing_error: BANK_BUSY,
  try_again_later: BANK_BUSY,
  issuer_not_available: BANK_BUSY,
};

/** Stripe error codes (not decline codes) with their own meaning for the customer. */
const BY_ERROR_CODE: Readonly<Record<string, PaymentFailure>> = {
  expired_card: EXPIRED,
  incorrect_cvc: WRONG_CVC,
  invalid_cvc: WRONG_CVC,
  incorrect_number: WRONG_NUMBER,
  invalid_number: WRONG_NUMBER,
  processing_error: BANK_BUSY,
  payment_intent_authentication_failure: failure(
    'authentication_failed',
    'We could not confirm this payment with your bank. Try again, or use another card.',
  ),
};

/**
 * Why Stripe refused a payment, in words a customer can act on. Reasons that would help a
 * fraudster (lost, stolen, fraudulent) read as a plain decline, as Stripe advises.
 */
export function stripePaymentFailure(error: {
  code?: string | null | undefined;
  decline_code?: string | null | undefined;
}): PaymentFailure {
  // Off-session: the bank wants the customer, who is not there (a renewal's saved card).
  if (error.code === 'authentication_required') return AUTHENTICATION_REQUIRED;
  return (
    (error.decline_code ? BY_DECLINE_CODE[error.decline_code] : undefined) ??
    (error.code ? BY_ERROR_CODE[error.code] : undefined) ??
    DECLINED
  );
}
