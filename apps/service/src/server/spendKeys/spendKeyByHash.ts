import type { Db } from '../platform/db/Database.ts';

/**
 * The spend key of a SHA-256 (`hashSecretKey`), with its merchant's environment: a reading adds
 * the key's columns it needs.
 */
export function spendKeyByHash(db: Db, hash: string) {
  return db
    .selectFrom('spend_keys')
    .innerJoin('merchants', 'merchants.id', 'spend_keys.merchant_id')
    .select('merchants.environment')
    .where('spend_keys.key_hash', '=', hash);
}
