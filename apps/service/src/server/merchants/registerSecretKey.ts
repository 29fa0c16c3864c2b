import { deriveSessionKey, encodeBase64Url } from '@lava-checkout/protocol';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { hashSecretKey } from './hashSecretKey.ts';

/**
 * Registers a merchant secret key (idempotent): stores its hash, for REST API bearer
 * lookups, and the derived session-signing key under its kid, to verify session secrets.
 */
export async function registerSecretKey(
  db: Db,
  merchant: { id: string; environment: 'test' | 'live' },
  secretKey: string,
  now: Date,
): Promise<void> {
  const { kid, key } = await deriveSessionKey(secretKey);
  await db
    .insertInto('secret_keys')
    .values({
      id: createId('sk', merchant.environment),
      merchant_id: merchant.id,
      kid,
      signing_key: encodeBase64Url(key),
      key_hash: hashSecretKey(secretKey),
      created_at: now.toISOString(),
      revoked_at: null,
    })
    .onConflict((oc) => oc.column('key_hash').doNothing())
    .execute();
}
