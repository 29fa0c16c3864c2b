import { decodeBase64Url } from './base64url.ts';
import { SESSION_LIFETIME_SECONDS } from './constants.ts';
import { importHmacKey } from './importHmacKey.ts';

/** What every signed secret claims, whatever it opens. Times are Unix seconds. */
export interface SignedClaims {
  iat: number;
  exp: number;
}

export type VerifySignedSecretResult<Claims extends SignedClaims> =
  | { ok: true; kid: string; claims: Claims }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'issued_in_future' }
  /** Signed by a known key but past `exp`: the claims are trustworthy, the secret is over. */
  | { ok: false; reason: 'expired'; kid: string; claims: Claims };

export interface VerifySessionSecretOptions {
  /** The signing key for a key id, or `null` when the id is unknown (or revoked). */
  findKey: (kid: string) => Promise<Uint8Array<ArrayBuffer> | null>;
  /** Current time in milliseconds. */
  now: number;
}

/** Clock skew tolerated between the minting server and the verifier. */
const MAX_CLOCK_SKEW_SECONDS = 60;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Verifies a secret made by `signSecret` with `prefix`: shape, key id, HMAC signature
 * (compared in constant time by Web Crypto), a life of at most 60 minutes whatever the signer
 * claims, then time: not issued more than 60 s in the future, not expired. `readClaims` turns
 * the payload's JSON into claims, or `null` when it is not this kind of secret. Never throws;
 * claims are returned only once the signature holds.
 */
export async function verifySignedSecret<Claims extends SignedClaims>(
  secret: unknown,
  prefix: string,
  readClaims: (data: Record<string, unknown>) => Claims | null,
  options: VerifySessionSecretOptions,
): Promise<VerifySignedSecretResult<Claims>> {
  if (typeof secret !== 'string') return { ok: false, reason: 'malformed' };
  const match = new RegExp(
    `^(${escapeRegExp(prefix)}(?:test|live)_([A-Za-z0-9_-]{16,1500}))\\.([A-Za-z0-9_-]{43})$`,
  ).exec(secret);
  const signed = match?.[1];
  const payload = match?.[2];
  const signature = match?.[3] === undefined ? null : decodeBase64Url(match[3]);
  if (!signed || !payload || !signature) return { ok: false, reason: 'malformed' };
  const read = readPayload(payload, readClaims);
  if (!read) return { ok: false, reason: 'malformed' };

  const key = await options.findKey(read.kid).catch(() => null);
  if (!key) return { ok: false, reason: 'unknown_key' };
  const hmac = await importHmacKey(key, 'verify');
  const valid = await crypto.subtle.verify(
    'HMAC',
    hmac,
    signature,
    new TextEncoder().encode(signed),
  );
  if (!valid) return { ok: false, reason: 'bad_signature' };
  if (read.claims.iat * 1000 > options.now + MAX_CLOCK_SKEW_SECONDS * 1000) {
    return { ok: false, reason: 'issued_in_future' };
  }
  if (options.now >= read.claims.exp * 1000) {
    return { ok: false, reason: 'expired', kid: read.kid, claims: read.claims };
  }
  return { ok: true, kid: read.kid, claims: read.claims };
}

function readPayload<Claims extends SignedClaims>(
  payload: string,
  readClaims: (data: Record<string, unknown>) => Claims | null,
): { kid: string; claims: Claims } | null {
  const bytes = decodeBase64Url(payload);
  if (!bytes) return null;
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const d = data as Record<string, unknown>;
  if (
    d.v !== 1 ||
    typeof d.kid !== 'string' ||
    !Number.isSafeInteger(d.iat) ||
    !Number.isSafeInteger(d.exp) ||
    // A secret never lives longer than 60 minutes, whatever its signer claims.
    (d.exp as number) <= (d.iat as number) ||
    (d.exp as number) - (d.iat as number) > SESSION_LIFETIME_SECONDS
  ) {
    return null;
  }
  const claims = readClaims(d);
  return claims ? { kid: d.kid, claims } : null;
}
