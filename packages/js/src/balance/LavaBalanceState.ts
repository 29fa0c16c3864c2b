import type { AccountSummary } from '@lava-checkout/protocol/account';

/** Why a balance cannot be shown. */
export type LavaBalanceErrorCode =
  /** The token is not a customer session token, or its service is not trusted (`checkoutOrigin`). */
  | 'invalid_token'
  /** The service refused the session: forged, another merchant's, or a retired key. */
  | 'customer_session_invalid'
  /** The session is past its 60 minutes: mint a new one and pass it. */
  | 'customer_session_expired'
  /** The session was minted for another origin than this page's. */
  | 'origin_not_allowed'
  /** Too many balance streams are open for this customer. */
  | 'too_many_streams'
  /** The script tag: the page's `data-lava-balance` URL gave no customer session token. */
  | 'session_request_failed'
  /** The service could not be reached; the balance keeps retrying and shows the last one it had. */
  | 'network_error';

export interface LavaBalanceError {
  code: LavaBalanceErrorCode;
  /** `Lava Checkout: <what is wrong>. <how to fix it>.` */
  message: string;
}

/**
 * A customer's balance as a page shows it: the account summary's fields (each `null` until
 * the first one arrives), whether it is still loading, and the last error.
 */
export interface LavaBalanceState {
  /** `true` until the first summary arrives or an error ends the wait. */
  loading: boolean;
  /** Why the balance is not live, or `null`. A `network_error` keeps the last balance. */
  error: LavaBalanceError | null;
  customer_id: string | null;
  /** The subscription's status; `none` without an active subscription. */
  status: AccountSummary['status'] | null;
  plan: AccountSummary['plan'];
  /** Credit left in US dollars, as decimal strings: cycle, bundles, and both together. */
  credits: AccountSummary['credits'] | null;
  cycle_end_at: string | null;
  pending_change: AccountSummary['pending_change'];
}

/** The state before anything is known. */
export const LOADING_BALANCE: LavaBalanceState = {
  loading: true,
  error: null,
  customer_id: null,
  status: null,
  plan: null,
  credits: null,
  cycle_end_at: null,
  pending_change: null,
};
