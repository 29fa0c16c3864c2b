import type { Db } from '../platform/db/Database.ts';

/** The merchant's spend keys that are not revoked, every column: what `/v1/spend_keys` shows. */
export function liveSpendKeys(db: Db, merchantId: string) {
  return db
    .selectFrom('spend_keys')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('revoked_at', 'is', null);
}
