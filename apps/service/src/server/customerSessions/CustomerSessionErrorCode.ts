/** Codes the account API (`/api/account`) answers with when it refuses a customer session. */
export type CustomerSessionErrorCode =
  /** Missing, malformed, forged, a checkout's, or for a customer this merchant does not have. */
  | 'customer_session_invalid'
  /** Past its 60 minutes: mint a new one. */
  | 'customer_session_expired'
  /** The request's `Origin` is not the origin the session was minted for. */
  | 'origin_not_allowed'
  /** Too many balance streams open for this customer (or on this server): close some tabs' streams. */
  | 'too_many_streams';

/** Their HTTP statuses, merged into the service's one table. */
export const CUSTOMER_SESSION_ERROR_STATUS = {
  customer_session_invalid: 401,
  customer_session_expired: 401,
  origin_not_allowed: 403,
  too_many_streams: 429,
} as const satisfies Record<CustomerSessionErrorCode, 401 | 403 | 429>;
