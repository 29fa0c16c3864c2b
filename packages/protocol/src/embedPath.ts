/**
 * Path under a token's `base` where the hosted checkout page lives. In a file of its own: the
 * token's decoder needs it before the first click, and the message types beside the other
 * constants do not.
 */
export const EMBED_PATH = 'embed/checkout/';

/** Path under a customer session token's `base` where the hosted account page lives. */
export const ACCOUNT_EMBED_PATH = 'embed/account/';
