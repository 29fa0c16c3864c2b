import { decodeBase64Url } from '@lava-checkout/protocol';
import type { Db } from '../db/Database.ts';

/** The session-signing key and merchant for a key id; `null` when unknown or revoked. */
export async function findSigningKey(
  db: Db,
  kid: string,
): Promise<{ merchantId: string; key: Uint8Array<ArrayBuffer> } | null> {
  const row = await db
    .selectFrom('secret_keys')
    .select(['merchant_id', 'signing_key'])
    .where('kid', '=', kid)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const key = row ? decodeBase64Url(row.signing_key) : null;
  return row && key ? { merchantId: row.merchant_id, key } : null;
}
