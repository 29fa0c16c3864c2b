import { encodeBase64Url } from './base64url.ts';
import type { SessionKey } from './deriveSessionKey.ts';
import { importHmacKey } from './importHmacKey.ts';

/**
 * Signs claims into an opaque, URL-safe secret:
 * `<prefix><env>_<base64url(JSON { v: 1, kid, ...claims })>.<base64url(HMAC-SHA256)>`.
 * The prefix names what the secret opens (a checkout, a customer's account) and is part of
 * what is signed, so a secret of one kind cannot be relabelled as another.
 */
export async function signSecret(
  prefix: string,
  claims: object,
  signingKey: SessionKey,
  environment: 'test' | 'live',
): Promise<string> {
  const payload = encodeBase64Url(
    new TextEncoder().encode(JSON.stringify({ v: 1, kid: signingKey.kid, ...claims })),
  );
  const signed = `${prefix}${environment}_${payload}`;
  const hmac = await importHmacKey(signingKey.key, 'sign');
  const signature = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(signed));
  return `${signed}.${encodeBase64Url(new Uint8Array(signature))}`;
}
