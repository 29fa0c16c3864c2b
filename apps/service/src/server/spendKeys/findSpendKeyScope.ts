import { hashSecretKey } from '../merchants/hashSecretKey.ts';
import type { Db } from '../platform/db/Database.ts';
import type { SpendKeyScope } from './authorizeSpendKey.ts';
import { SPEND_KEY } from './newSpendKey.ts';
import { spendKeyByHash } from './spendKeyByHash.ts';

/**
 * Who a spend key acts for, before the gateway knows what the call costs: read to route and bill
 * the call, which `authorizeSpendKey` then checks and counts. `null` for a key never issued or
 * rotated away; revoked, expired and paused keys are refused by `authorizeSpendKey`.
 */
export async function findSpendKeyScope(db: Db, key: string): Promise<SpendKeyScope | null> {
  if (!SPEND_KEY.test(key)) return null;
  const row = await spendKeyByHash(db, hashSecretKey(key))
    .select([
      'spend_keys.id',
      'spend_keys.merchant_id',
      'spend_keys.customer_id',
      'spend_keys.meter_id',
    ])
    .executeTakeFirst();
  return row
    ? {
        spendKeyId: row.id,
        merchantId: row.merchant_id,
        environment: row.environment,
        customerId: row.customer_id,
        meterId: row.meter_id,
      }
    : null;
}
