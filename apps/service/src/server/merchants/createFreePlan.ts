import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { FREE_PLAN } from './FREE_PLAN.ts';

/** Gives a new merchant its Free plan (`FREE_PLAN`), inside the transaction that makes it. */
export async function createFreePlan(
  trx: Db,
  merchant: { id: string; environment: 'test' | 'live' },
  at: Date,
): Promise<string> {
  const id = createId('sc', merchant.environment);
  await trx
    .insertInto('plans')
    .values({ id, merchant_id: merchant.id, ...FREE_PLAN, created_at: at.toISOString() })
    .execute();
  return id;
}
