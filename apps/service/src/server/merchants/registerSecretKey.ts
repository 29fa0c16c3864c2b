import {
  deriveSessionKey,
  type Environment,
  encodeBase64Url,
  ID_PREFIXES,
} from '@lava-checkout/protocol';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { hashSecretKey } from './hashSecretKey.ts';

/** What lists show of a secret key: its prefix and last four characters. */
export const secretKeyHint = (secretKey: string) =>
  `${secretKey.slice(0, secretKey.indexOf('_', 4) + 1)}…${secretKey.slice(-4)}`;

/**
 * Registers a merchant secret key (idempotent) and returns its id: stores its hash, for REST
 * API bearer lookups, the derived session-signing key under its kid, to verify session
 * secrets, and the name and hint lists show.
 */
export async function registerSecretKey(
  db: Db,
  merchant: { id: string; environment: Environment },
  secretKey: string,
  now: Date,
  name: string | null = null,
): Promise<string> {
  const { kid, key } = await deriveSessionKey(secretKey);
  const id = createId(ID_PREFIXES.secretKey, merchant.environment);
  await db
    .insertInto('secret_keys')
    .values({
      id,
      merchant_id: merchant.id,
      kid,
      signing_key: encodeBase64Url(key),
      key_hash: hashSecretKey(secretKey),
      created_at: now.toISOString(),
      revoked_at: null,
      name,
      key_hint: secretKeyHint(secretKey),
    })
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .execute();
  return id;
}
