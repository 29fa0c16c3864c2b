import { z } from 'zod';

/**
 * The contract between the hosted page and its API (`/api/checkout/*`): request schemas,
 * response types and the error codes. The service validates with the schemas; the page imports
 * types only, so none of this code ships in the page's bundle.
 */

/**
 * `POST /api/checkout/phone`: text a code to this number, or, for a returning customer, to the
 * phone on file (no `phone` then).
 */
export const SendCodeRequest = z.strictObject({ phone: z.string().min(1).max(32).optional() });
export type SendCodeRequest = z.infer<typeof SendCodeRequest>;
export interface SendCodeResponse {
  /** The number as the customer should read it, e.g. `+1 415 555 0100`. */
  phone: string;
  /** When the code stops working (ISO-8601). */
  expires_at: string;
  /** The earliest time another code may be asked for (ISO-8601). */
  resend_at: string;
  /**
   * Seconds until then, by the service's clock: the page counts the cool-down down from this,
   * whatever the customer's clock says.
   */
  resend_after: number;
}

/** `POST /api/checkout/code`: the code the customer typed. */
export const VerifyCodeRequest = z.strictObject({
  code: z.string().regex(/^\d{6}$/, 'enter the 6 digits of the code'),
});
export type VerifyCodeRequest = z.infer<typeof VerifyCodeRequest>;
export interface VerifyCodeResponse {
  verified: true;
  /**
   * The customer already has the plan: the checkout completed right away, without a charge,
   * and names the subscription they have.
   */
  already_subscribed?: Extract<SubscribeResponse, { status: 'succeeded' }>;
  /**
   * A credit bundle checkout: the card the customer's subscription is paid with, which the
   * bundle can be bought with too (`null` when there is none). Shown only once the phone is
   * verified.
   */
  card_on_file?: CardOnFile | null;
  /**
   * No card was needed, and the checkout completed once the phone was verified: a $0 plan
   * (`starts_at: null`, it is theirs now), or a plan cheaper than the customer's paid one, which
   * becomes theirs when their cycle ends (`starts_at`).
   */
  subscribed_without_card?: Extract<SubscribeResponse, { status: 'succeeded' }> & {
    starts_at: string | null;
  };
  /**
   * The customer has a cheaper paid plan: this one replaces it at once, and the card is charged
   * this (its price less the unused share of theirs) instead of the plan's price.
   */
  amount_due?: string;
}

/** A card saved with the customer's subscription, as much of it as the page may show. */
export interface CardOnFile {
  /** The processor's name for the brand, e.g. `visa`, `mastercard`, `amex`. */
  brand: string;
  last4: string;
  exp_month: number;
  exp_year: number;
}

/**
 * `POST /api/checkout/subscribe`: pay with a payment method the page made with the processor's
 * own page code (the card number never reaches this service), or finish the charge whose
 * authentication (3-D Secure) the page just completed.
 */
export const SubscribeRequest = z.union([
  z.strictObject({ payment_method: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/) }),
  z.strictObject({ charge: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/) }),
]);
export type SubscribeRequest = z.infer<typeof SubscribeRequest>;
export type SubscribeResponse =
  | {
      status: 'succeeded';
      checkout_session_id: string;
      customer_id: string;
      subscription_id: string;
    }
  /** The card needs the customer's authentication: the page runs it, then sends `charge`. */
  | { status: 'requires_action'; charge: string; client_secret: string };

/**
 * `POST /api/checkout/buy`: buy the session's credit bundle with a new payment method, with the
 * card on file (the subscription's), or finish the charge whose authentication the page just
 * completed. Answers as `subscribe` does; `subscription_id` names the subscription the credits
 * were added to.
 */
export const BuyBundleRequest = z.union([
  z.strictObject({ payment_method: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/) }),
  z.strictObject({ card_on_file: z.literal(true) }),
  z.strictObject({ charge: z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/) }),
]);
export type BuyBundleRequest = z.infer<typeof BuyBundleRequest>;
export type BuyBundleResponse = SubscribeResponse;

/**
 * `param` of a payment error about one field of the card (an expired card, a wrong security
 * code): the page shows the error under that field.
 */
export type CardFieldParam = 'card_number' | 'card_expiry' | 'card_cvc';

/** Every error code the page API answers with, in `{ error: { code, message, ... } }`. */
export type CheckoutErrorCode =
  // The request itself.
  | 'invalid_request'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'body_too_large'
  | 'cross_site_request'
  | 'not_found'
  | 'internal_error'
  // The session.
  | 'session_invalid'
  | 'session_expired'
  | 'session_completed'
  | 'session_idle'
  // The phone and its code.
  | 'invalid_phone'
  | 'phone_country_not_allowed'
  | 'phone_not_textable'
  | 'phone_already_verified'
  // Each limit names whose it is: the session's, the phone number's, or the address's.
  | 'too_many_codes'
  | 'resend_too_soon'
  | 'too_many_sends'
  | 'too_many_sends_from_address'
  | 'sms_failed'
  | 'no_code_sent'
  | 'code_expired'
  | 'code_locked'
  | 'wrong_code'
  | 'phone_locked'
  // The payment.
  | 'phone_not_verified'
  | 'invalid_payment_method'
  | 'invalid_card_number'
  | 'invalid_expiry'
  | 'invalid_cvc'
  | 'payment_in_progress'
  | 'too_many_payment_attempts'
  | 'too_many_payment_attempts_from_address'
  | 'too_many_payment_attempts_in_session'
  | 'card_declined'
  | 'insufficient_funds'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'authentication_failed'
  | 'processing_error'
  | 'completion_failed'
  // A credit bundle.
  | 'no_card_on_file'
  | 'subscription_inactive';

/** The error body. `param` names the request field at fault; `retry_after` is in seconds. */
export interface CheckoutErrorBody {
  error: {
    code: CheckoutErrorCode;
    message: string;
    param?: string;
    attempts_left?: number;
    retry_after?: number;
  };
}
