import { toBase64 } from './base64url.ts';

/**
 * Builds a `checkout_session_token`: standard base64 of `{"secret", "base"}`, the format the
 * published Lava clients read.
 */
export function encodeCheckoutToken(token: { secret: string; base: string }): string {
  const json = JSON.stringify({ secret: token.secret, base: token.base });
  return toBase64(new TextEncoder().encode(json));
}
