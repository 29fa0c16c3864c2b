import type { Db } from '../platform/db/Database.ts';

/** The live credit bundles of a merchant's live plans. */
export const creditBundlesOf = (db: Db, merchantId: string) =>
  db
    .selectFrom('credit_bundles')
    .innerJoin('plans', 'plans.id', 'credit_bundles.plan_id')
    .selectAll('credit_bundles')
    .where('plans.merchant_id', '=', merchantId)
    .where('plans.deleted_at', 'is', null)
    .where('credit_bundles.deleted_at', 'is', null);
