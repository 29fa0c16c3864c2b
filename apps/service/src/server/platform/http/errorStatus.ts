import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CUSTOMER_SESSION_ERROR_STATUS } from '../../customerSessions/CustomerSessionErrorCode.ts';
import type { ErrorCode } from '../ServiceError.ts';

/** The one place that decides the HTTP status of each error code. */
export const ERROR_STATUS = {
  invalid_request: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  cross_site_request: 403,
  not_found: 404,
  internal_error: 500,

  session_invalid: 401,
  session_expired: 410,
  session_completed: 409,
  session_idle: 410,

  invalid_phone: 400,
  phone_country_not_allowed: 400,
  phone_not_textable: 400,
  phone_already_verified: 409,
  too_many_codes: 429,
  resend_too_soon: 429,
  too_many_sends: 429,
  too_many_sends_from_address: 429,
  sms_failed: 502,
  no_code_sent: 409,
  code_expired: 410,
  code_locked: 429,
  wrong_code: 422,
  phone_locked: 429,

  phone_not_verified: 403,
  invalid_payment_method: 400,
  invalid_card_number: 400,
  invalid_expiry: 400,
  invalid_cvc: 400,
  payment_in_progress: 409,
  too_many_payment_attempts: 429,
  too_many_payment_attempts_from_address: 429,
  too_many_payment_attempts_in_session: 429,
  card_declined: 402,
  insufficient_funds: 402,
  expired_card: 402,
  incorrect_cvc: 402,
  authentication_failed: 402,
  processing_error: 502,
  completion_failed: 500,

  no_card_on_file: 409,
  subscription_inactive: 409,

  invalid_api_key: 401,
  idempotency_key_reused: 422,
  idempotency_key_in_flight: 409,
  request_id_conflict: 409,
  already_exists: 409,
  too_many_webhooks: 400,
  invalid_state: 409,

  ...CUSTOMER_SESSION_ERROR_STATUS,
} as const satisfies Record<ErrorCode, ContentfulStatusCode>;
