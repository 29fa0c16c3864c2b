import { encodeBase64Url } from './base64url.ts';
import type { SessionKey } from './deriveSessionKey.ts';
import type { SessionClaims } from './SessionClaims.ts';

/** Session secrets start with this, followed by the environment: `css_test_` or `css_live_`. */
export const SESSION_SECRET_PREFIX = 'css_';

/**
 * Signs session claims into an opaque, URL-safe secret:
 * `css_<env>_<base64url(JSON claims + kid)>.<base64url(HMAC-SHA256)>`.
 */
export async function signSessionSecret(
  claims: SessionClaims,
  signingKey: SessionKey,
  environment: 'test' | 'live',
): Promise<string> {
  const payload = encodeBase64Url(
    new TextEncoder().encode(JSON.stringify({ v: 1, kid: signingKey.kid, ...claims })),
  );
  const signed = `${SESSION_SECRET_PREFIX}${environment}_${payload}`;
  const hmac = await crypto.subtle.importKey(
    'raw',
    signingKey.key,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signature = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(signed));
  return `${signed}.${encodeBase64Url(new Uint8Array(signature))}`;
}
