import type { Environment } from '@lava-checkout/protocol';
import type { Db } from '../platform/db/Database.ts';

/**
 * Writes a new merchant's row: its name and environment, and nothing it chooses later (its own
 * SMS countries, its brand, its support address), which stay `null` until it does.
 */
export async function insertMerchant(
  db: Db,
  merchant: { id: string; name: string; environment: Environment },
  at: string,
): Promise<void> {
  await db
    .insertInto('merchants')
    .values({ ...merchant, created_at: at })
    .execute();
}
