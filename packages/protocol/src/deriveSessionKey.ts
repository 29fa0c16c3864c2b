import { encodeBase64Url } from './base64url.ts';
import { importHmacKey } from './importHmacKey.ts';

const SESSION_KEY_LABEL = 'lava-checkout/session-secret/v1';

/** The key that signs session secrets, and its public id. */
export interface SessionKey {
  /** 16 base64url characters naming the key inside a secret, so the verifier can find it. */
  kid: string;
  /** 32 bytes: HMAC-SHA256(secret key, label). The secret key itself never leaves the merchant. */
  key: Uint8Array<ArrayBuffer>;
}

/** Derives the session-signing key and its id from a merchant's secret key. */
export async function deriveSessionKey(secretKey: string): Promise<SessionKey> {
  const encoder = new TextEncoder();
  const hmac = await importHmacKey(encoder.encode(secretKey), 'sign');
  const key = new Uint8Array(
    await crypto.subtle.sign('HMAC', hmac, encoder.encode(SESSION_KEY_LABEL)),
  );
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', key));
  return { kid: encodeBase64Url(digest).slice(0, 16), key };
}
