import type { Db } from '../platform/db/Database.ts';
import { liveRowOf } from '../platform/db/liveRowsOf.ts';
import { orNotFound } from '../platform/orNotFound.ts';

/** A merchant's plan, or a 404: another merchant's plans do not exist here. */
export async function findPlanOrThrow(db: Db, merchantId: string, planId: string, param?: string) {
  return orNotFound(
    await liveRowOf(db, 'plans', merchantId, planId),
    `Lava Checkout: no plan ${planId} in this account. Use a plan_id that POST /v1/plans returned.`,
    param,
  );
}
