import type { Db } from '../platform/db/Database.ts';
import { orNotFound } from '../platform/orNotFound.ts';
import { creditBundlesOf } from './creditBundlesOf.ts';

/** A live credit bundle of a merchant's live plan, or a 404. */
export async function findCreditBundleOrThrow(
  db: Db,
  merchantId: string,
  bundleId: string,
  param?: string,
) {
  return orNotFound(
    await creditBundlesOf(db, merchantId)
      .where('credit_bundles.id', '=', bundleId)
      .executeTakeFirst(),
    `Lava Checkout: no credit bundle ${bundleId} in this account. Use a credit_bundle_id from GET /v1/credit_bundles or a plan's credit_bundles.`,
    param,
  );
}
