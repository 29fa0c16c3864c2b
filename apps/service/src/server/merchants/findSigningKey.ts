import { decodeBase64Url, SESSION_LIFETIME_SECONDS } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';

/** A merchant's session-signing key, and when it was retired (`null` while it is current). */
export interface FoundSigningKey {
  merchantId: string;
  key: Uint8Array<ArrayBuffer>;
  revokedAt: string | null;
}

/**
 * The session-signing key and merchant for a key id; `null` when unknown or retired for longer
 * than a session lives. A key retired more recently still verifies the sessions the service saw
 * before it was retired, until they expire; whether a session is one of them is the database's
 * to say when the session is first seen (see `recordSession`).
 */
export async function findSigningKey(
  db: Db,
  kid: string,
  now: Date,
): Promise<FoundSigningKey | null> {
  const oldestUsable = new Date(now.getTime() - SESSION_LIFETIME_SECONDS * 1000).toISOString();
  const row = await db
    .selectFrom('secret_keys')
    .select(['merchant_id', 'signing_key', 'revoked_at'])
    .where('kid', '=', kid)
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', oldestUsable)]))
    .executeTakeFirst();
  const key = row ? decodeBase64Url(row.signing_key) : null;
  return row && key ? { merchantId: row.merchant_id, key, revokedAt: row.revoked_at } : null;
}
