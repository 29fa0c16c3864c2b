import { type SessionClaims, verifySessionSecret } from '@lava-checkout/protocol';
import { findSigningKey } from '../merchants/findSigningKey.ts';
import type { Db } from '../platform/db/Database.ts';

/** What a session secret says, once its signature held, and the key (`kid`) that signed it. */
export type VerifiedSecret =
  | { ok: true; claims: SessionClaims; merchantId: string; kid: string }
  | { ok: false; reason: 'expired'; claims: SessionClaims; merchantId: string }
  | { ok: false; reason: 'invalid' };

export interface SessionVerifier {
  verify(secret: unknown, now: Date): Promise<VerifiedSecret>;
}

/** How long a key lookup is kept: it only saves looking the key's bytes up again. */
const KEY_TTL_MS = 30_000;
/** An unknown key id is asked about again after this, so a new key works quickly. */
const UNKNOWN_KEY_TTL_MS = 2_000;
/** Verified secrets kept, so each request of a checkout does not verify its HMAC again. */
const SECRETS_KEPT = 10_000;

type KeyEntry = { found: Awaited<ReturnType<typeof findSigningKey>>; until: number };

/**
 * Verifies session secrets (signature, key, 60-minute expiry) with two small caches: key ids
 * for 30 seconds, and secrets whose signature already held. A checkout's requests then cost
 * no key query and no HMAC after the first; expiry is still checked against `now` every time.
 *
 * Whether the key was retired is not decided here, from a cache or from the time the signer
 * wrote into the session, but by the database when the session is first seen (see
 * `recordSession`): a session counts only if the service saw it before its key was retired.
 */
export function createSessionVerifier(db: Db): SessionVerifier {
  const keys = new Map<string, KeyEntry>();
  const secrets = new Map<string, { kid: string; claims: SessionClaims }>();

  const keyFor = async (kid: string, now: number) => {
    const cached = keys.get(kid);
    if (cached && cached.until > now) return cached.found;
    const found = await findSigningKey(db, kid, new Date(now));
    keys.set(kid, { found, until: now + (found ? KEY_TTL_MS : UNKNOWN_KEY_TTL_MS) });
    return found;
  };

  return {
    async verify(secret, at) {
      const now = at.getTime();
      const known = typeof secret === 'string' ? secrets.get(secret) : undefined;
      if (known) {
        const key = await keyFor(known.kid, now);
        if (!key) return { ok: false, reason: 'invalid' };
        return now >= known.claims.exp * 1000
          ? { ok: false, reason: 'expired', claims: known.claims, merchantId: key.merchantId }
          : { ok: true, claims: known.claims, merchantId: key.merchantId, kid: known.kid };
      }
      let key: Awaited<ReturnType<typeof keyFor>> = null;
      const verified = await verifySessionSecret(secret, {
        findKey: async (kid) => {
          key = await keyFor(kid, now);
          return key?.key ?? null;
        },
        now,
      });
      const found = key as Awaited<ReturnType<typeof keyFor>>;
      if (!found) return { ok: false, reason: 'invalid' };
      const { merchantId } = found;
      if (verified.ok) {
        if (secrets.size >= SECRETS_KEPT) secrets.delete(secrets.keys().next().value ?? '');
        secrets.set(secret as string, { kid: verified.kid, claims: verified.claims });
        return { ok: true, claims: verified.claims, merchantId, kid: verified.kid };
      }
      if (verified.reason === 'expired') {
        return { ok: false, reason: 'expired', claims: verified.claims, merchantId };
      }
      return { ok: false, reason: 'invalid' };
    },
  };
}
