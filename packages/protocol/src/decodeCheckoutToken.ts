import { fromBase64 } from './base64url.ts';
import { validateCheckoutBase } from './validateCheckoutBase.ts';

/** A checkout token the browser may load: its secret, its checked base, and where the frame lives. */
export interface CheckoutToken {
  /** Opaque, URL-safe session secret. Never log it. */
  secret: string;
  /** The checkout service's base URL, ending in `/`. */
  base: string;
  /** `new URL(base).origin`: the only origin the checkout frame may speak from. */
  origin: string;
  /**
   * `${base}embed/checkout/${secret}`; for a customer session's token (its secret starts with
   * `lcs_`), the account page, `${base}embed/account/${secret}`.
   */
  frameUrl: string;
}

export type DecodeCheckoutTokenResult =
  | { ok: true; token: CheckoutToken }
  | { ok: false; message: string };

const MAX_TOKEN_LENGTH = 4096;
const SECRET_PATTERN = /^[A-Za-z0-9_.-]{8,2048}$/;

const invalid = (why: string): DecodeCheckoutTokenResult => ({
  ok: false,
  message: `Lava Checkout: the checkout session token is invalid: ${why}. Pass createCheckoutSession()'s checkout_session_token unchanged.`,
});

/**
 * Decodes a `checkout_session_token` (base64 JSON `{ secret, base }`). Never throws: a token
 * that is not a string, not base64 JSON, or whose base is not a safe URL gives `ok: false`
 * with a message that says what is wrong, and never echoes the token.
 */
export function decodeCheckoutToken(value: unknown): DecodeCheckoutTokenResult {
  if (typeof value !== 'string' || !value || value.length > MAX_TOKEN_LENGTH) {
    return invalid(`it is not a string of 1 to ${MAX_TOKEN_LENGTH} characters`);
  }
  const bytes = fromBase64(value);
  if (!bytes) return invalid('it is not base64');
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {}
  if (typeof data !== 'object' || data === null) return invalid('it does not hold a JSON object');
  const { secret, base } = data as { secret?: unknown; base?: unknown };
  if (typeof secret !== 'string' || !SECRET_PATTERN.test(secret)) {
    return invalid('its secret is not URL-safe');
  }
  if (typeof base !== 'string') return invalid('its base is missing');
  const checked = validateCheckoutBase(base);
  if (!checked.ok) return invalid(checked.reason);
  return {
    ok: true,
    token: {
      secret,
      base,
      origin: checked.origin,
      // EMBED_PATH and ACCOUNT_EMBED_PATH, written out: this runs before the first click.
      frameUrl: `${base}embed/${/^lcs_/.test(secret) ? 'account' : 'checkout'}/${secret}`,
    },
  };
}
