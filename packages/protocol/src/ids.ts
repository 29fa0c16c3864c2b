/** `cs_[test_|live_]` + a ULID: a checkout session id. */
export const CHECKOUT_SESSION_ID_PATTERN = /^cs_(?:test_|live_)?[0-9A-HJKMNP-TV-Z]{26}$/;

/** `con_[test_|live_]` + a ULID: a customer id (the published clients call it a connection id). */
export const CUSTOMER_ID_PATTERN = /^con_(?:test_|live_)?[0-9A-HJKMNP-TV-Z]{26}$/;

/** A per-open nonce: 16 to 64 base64url characters. */
export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
