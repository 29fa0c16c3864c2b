import { decodeBase64Url } from './base64url.ts';
import { SESSION_LIFETIME_SECONDS } from './constants.ts';
import { CHECKOUT_SESSION_ID_PATTERN } from './ids.ts';
import { normalizeOriginUrl } from './normalizeOriginUrl.ts';
import type { CheckoutMode, SessionClaims } from './SessionClaims.ts';

export type VerifySessionSecretResult =
  | { ok: true; kid: string; claims: SessionClaims }
  | { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'issued_in_future' }
  /** Signed by a known key but past `exp`: the claims are trustworthy, the session is over. */
  | { ok: false; reason: 'expired'; kid: string; claims: SessionClaims };

export interface VerifySessionSecretOptions {
  /** The signing key for a key id, or `null` when the id is unknown (or revoked). */
  findKey: (kid: string) => Promise<Uint8Array<ArrayBuffer> | null>;
  /** Current time in milliseconds. */
  now: number;
}

/** Clock skew tolerated between the minting server and the verifier. */
const MAX_CLOCK_SKEW_SECONDS = 60;

/** A bare origin of one real site, exactly as `normalizeOriginUrl` gives it. */
const isBareOrigin = (value: string): boolean => {
  const checked = normalizeOriginUrl(value);
  return checked.ok && checked.origin === value;
};

const SECRET_PATTERN = /^(css_(?:test|live)_([A-Za-z0-9_-]{16,1500}))\.([A-Za-z0-9_-]{43})$/;
const MODES: readonly CheckoutMode[] = ['subscription', 'credit_bundle'];

function readClaims(payload: string): { kid: string; claims: SessionClaims } | null {
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
  const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
  if (
    d.v !== 1 ||
    typeof d.kid !== 'string' ||
    typeof d.sid !== 'string' ||
    !CHECKOUT_SESSION_ID_PATTERN.test(d.sid) ||
    !MODES.includes(d.mode as CheckoutMode) ||
    typeof d.origin !== 'string' ||
    !isBareOrigin(d.origin) ||
    !optionalString(d.plan) ||
    !optionalString(d.customer) ||
    !optionalString(d.bundle) ||
    !Number.isSafeInteger(d.iat) ||
    !Number.isSafeInteger(d.exp) ||
    // A session never lives longer than 60 minutes, whatever its signer claims.
    (d.exp as number) <= (d.iat as number) ||
    (d.exp as number) - (d.iat as number) > SESSION_LIFETIME_SECONDS
  ) {
    return null;
  }
  const claims: SessionClaims = {
    sid: d.sid,
    mode: d.mode as CheckoutMode,
    origin: d.origin,
    iat: d.iat as number,
    exp: d.exp as number,
  };
  if (typeof d.plan === 'string') claims.plan = d.plan;
  if (typeof d.customer === 'string') claims.customer = d.customer;
  if (typeof d.bundle === 'string') claims.bundle = d.bundle;
  return { kid: d.kid, claims };
}

/**
 * Verifies a session secret: shape (a bare http(s) origin, at most 60 minutes of life), key id,
 * HMAC signature (compared in constant time by Web Crypto), then time: not issued more than
 * 60 s in the future, not expired. Never throws. Claims are returned only once the signature
 * holds.
 */
export async function verifySessionSecret(
  secret: unknown,
  options: VerifySessionSecretOptions,
): Promise<VerifySessionSecretResult> {
  if (typeof secret !== 'string') return { ok: false, reason: 'malformed' };
  const match = SECRET_PATTERN.exec(secret);
  const signed = match?.[1];
  const payload = match?.[2];
  const signature = match?.[3] === undefined ? null : decodeBase64Url(match[3]);
  if (!signed || !payload || !signature) return { ok: false, reason: 'malformed' };
  const read = readClaims(payload);
  if (!read) return { ok: false, reason: 'malformed' };

  const key = await options.findKey(read.kid).catch(() => null);
  if (!key) return { ok: false, reason: 'unknown_key' };
  const hmac = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'verify',
  ]);
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
