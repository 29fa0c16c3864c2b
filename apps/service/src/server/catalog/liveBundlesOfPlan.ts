import type { Db } from '../platform/db/Database.ts';

/** The credit bundles of a plan that are not deleted: a reading adds the columns it needs. */
export const liveBundlesOfPlan = (db: Db, planId: string) =>
  db.selectFrom('credit_bundles').where('plan_id', '=', planId).where('deleted_at', 'is', null);
