import type { SignedClaims, VerifySignedSecretResult } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';
import { type FoundSigningKey, findSigningKey } from './findSigningKey.ts';

/** What a signed secret says, once its signature held, and the key (`kid`) that signed it. */
export type VerifiedSecret<Claims extends SignedClaims> =
  | { ok: true; claims: Claims; merchantId: string; kid: string; key: FoundSigningKey }
  | { ok: false; reason: 'expired'; claims: Claims; merchantId: string }
  | { ok: false; reason: 'invalid' };

export interface SecretVerifier<Claims extends SignedClaims> {
  verify(secret: unknown, now: Date): Promise<VerifiedSecret<Claims>>;
}

/** One kind of secret's verification, from `@lava-checkout/protocol`. */
export type VerifySecret<Claims extends SignedClaims> = (
  secret: unknown,
  options: {
    findKey: (kid: string) => Promise<Uint8Array<ArrayBuffer> | null>;
    now: number;
  },
) => Promise<VerifySignedSecretResult<Claims>>;

/** How long a key lookup is kept: it only saves looking the key's bytes up again. */
const KEY_TTL_MS = 30_000;
/** An unknown key id is asked about again after this, so a new key works quickly. */
const UNKNOWN_KEY_TTL_MS = 2_000;
/** Verified secrets kept, so each request does not verify its HMAC again. */
const SECRETS_KEPT = 10_000;

type KeyEntry = { found: FoundSigningKey | null; until: number };

/**
 * Verifies secrets signed with merchants' session-signing keys (signature, key, 60-minute
 * expiry) with two small caches: key ids for 30 seconds, and secrets whose signature already
 * held. Each request of a checkout or an account page then costs no key query and no HMAC
 * after the first; expiry is still checked against `now` every time. Checkout and customer
 * sessions each get one, with their own `verifySecret`.
 */
export function createSecretVerifier<Claims extends SignedClaims>(
  db: Db,
  verifySecret: VerifySecret<Claims>,
): SecretVerifier<Claims> {
  const keys = new Map<string, KeyEntry>();
  const secrets = new Map<string, { kid: string; claims: Claims }>();

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
          : { ok: true, claims: known.claims, merchantId: key.merchantId, kid: known.kid, key };
      }
      let key: FoundSigningKey | null = null;
      const verified = await verifySecret(secret, {
        findKey: async (kid) => {
          key = await keyFor(kid, now);
          return key?.key ?? null;
        },
        now,
      });
      const found = key as FoundSigningKey | null;
      if (!found) return { ok: false, reason: 'invalid' };
      const { merchantId } = found;
      if (verified.ok) {
        if (secrets.size >= SECRETS_KEPT) secrets.delete(secrets.keys().next().value ?? '');
        secrets.set(secret as string, { kid: verified.kid, claims: verified.claims });
        return { ok: true, claims: verified.claims, merchantId, kid: verified.kid, key: found };
      }
      if (verified.reason === 'expired') {
        return { ok: false, reason: 'expired', claims: verified.claims, merchantId };
      }
      return { ok: false, reason: 'invalid' };
    },
  };
}
