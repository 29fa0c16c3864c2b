import type { Db } from '../platform/db/Database.ts';
import { creditBundlesOf } from './creditBundlesOf.ts';

/** What `listPage` fetches for `GET /v1/credit_bundles`: newest first, of one plan if given. */
export const listCreditBundles =
  (db: Db, merchantId: string, planId: string | undefined) =>
  (before: string | undefined, take: number) => {
    let q = creditBundlesOf(db, merchantId);
    if (planId) q = q.where('credit_bundles.plan_id', '=', planId);
    if (before) q = q.where('credit_bundles.id', '<', before);
    return q.orderBy('credit_bundles.id', 'desc').limit(take).execute();
  };
