import type { Environment } from '@lava-checkout/protocol';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { insertMerchant } from './insertMerchant.ts';
import { PRO_PLAN } from './PRO_PLAN.ts';

/**
 * Writes a new merchant that sells the seeds' "Pro Plan" (`PRO_PLAN`), as a development start
 * and a production-mode test begin with. Returns the plan's id.
 */
export async function insertProPlanMerchant(
  db: Db,
  merchant: { id: string; name: string; environment: Environment },
  at: string,
): Promise<string> {
  await insertMerchant(db, merchant, at);
  const planId = createId('sc', merchant.environment);
  await db
    .insertInto('plans')
    .values({ id: planId, merchant_id: merchant.id, ...PRO_PLAN, created_at: at })
    .execute();
  return planId;
}
