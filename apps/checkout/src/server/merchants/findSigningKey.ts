import { decodeBase64Url, SESSION_LIFETIME_SECONDS } from '@lava-checkout/protocol';
import type { Db } from '../db/Database.ts';

/**
 * The session-signing key and merchant for a key id; `null` when unknown or retired. A rotated
 * key keeps verifying the sessions it signed before its grace period ended, until they expire
 * (`retiredAt` tells the caller which sessions those are).
 */
export async function findSigningKey(
  db: Db,
  kid: string,
  now: Date,
): Promise<{ merchantId: string; key: Uint8Array<ArrayBuffer>; retiredAt: string | null } | null> {
  const oldestUsable = new Date(now.getTime() - SESSION_LIFETIME_SECONDS * 1000).toISOString();
  const row = await db
    .selectFrom('secret_keys')
    .select(['merchant_id', 'signing_key', 'revoked_at'])
    .where('kid', '=', kid)
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', oldestUsable)]))
    .executeTakeFirst();
  const key = row ? decodeBase64Url(row.signing_key) : null;
  return row && key ? { merchantId: row.merchant_id, key, retiredAt: row.revoked_at } : null;
}
