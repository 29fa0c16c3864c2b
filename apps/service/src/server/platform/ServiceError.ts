import type { CheckoutErrorBody, CheckoutErrorCode } from '../../shared/checkoutContract.ts';
import type { CustomerSessionErrorCode } from '../customerSessions/CustomerSessionErrorCode.ts';

/** Codes only the merchant REST API (`/v1`) answers with; the page never sees them. */
export type MerchantApiErrorCode =
  | 'invalid_api_key'
  /** The same `Idempotency-Key` came with another request. */
  | 'idempotency_key_reused'
  /** The first request under this `Idempotency-Key` is still at work. */
  | 'idempotency_key_in_flight'
  /** A `request_id` already recorded with other usage. */
  | 'request_id_conflict'
  /** Another record of the merchant already has this unique value (a phone, a reference id, a slug). */
  | 'already_exists'
  /** A merchant may register at most 3 webhook endpoints. */
  | 'too_many_webhooks'
  /** The operation needs something the customer or subscription does not have. */
  | 'invalid_state';

/** Every code the service answers with. */
export type ErrorCode = CheckoutErrorCode | MerchantApiErrorCode | CustomerSessionErrorCode;

/** Extra facts an error carries to the client: the field at fault, tries left, when to retry. */
export type CheckoutErrorDetails = Omit<CheckoutErrorBody['error'], 'code' | 'message'>;

/**
 * What the checkout's domain throws when it refuses something: a stable code from the shared
 * contract and a message for whoever reads it. It knows nothing of HTTP; `errorStatus` maps
 * each code to a status in one table.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: CheckoutErrorDetails = {},
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
