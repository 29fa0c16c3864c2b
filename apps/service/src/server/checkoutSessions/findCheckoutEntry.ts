import type { SessionClaims } from '@lava-checkout/protocol';
import type { CatalogEntry } from '../catalog/createCatalog.ts';
import type { Tables } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import { SOLD_BUNDLE_COLUMNS } from './SOLD_BUNDLE_COLUMNS.ts';

export type CreditBundleRow = Pick<
  Tables['credit_bundles'],
  'id' | 'plan_id' | 'name' | 'cost' | 'credit_amount'
>;

/** What a session sells: a plan, or a credit bundle of the plan (`bundle`). */
export type CheckoutEntry = CatalogEntry & { bundle: CreditBundleRow | null };

/**
 * What a session's claims sell, for its merchant: the plan of a subscription session (from the
 * catalog, no query once cached), or the credit bundle of a bundle session with its plan. A
 * bundle is sold only to the merchant's customer the session was minted for; its price is read
 * afresh, as a merchant may change it. `null` when the merchant has no such plan, bundle or
 * customer.
 */
export async function findCheckoutEntry(
  deps: Pick<Services, 'db' | 'catalog'>,
  merchantId: string,
  claims: SessionClaims,
  now: Date,
): Promise<CheckoutEntry | null> {
  if (claims.mode === 'subscription') {
    const entry = claims.plan ? await deps.catalog.get(merchantId, claims.plan, now) : null;
    return entry && { ...entry, bundle: null };
  }
  const { bundle: bundleId, customer } = claims;
  if (bundleId === undefined || customer === undefined) return null;
  const bundle = await deps.db
    .selectFrom('credit_bundles')
    .innerJoin('plans', 'plans.id', 'credit_bundles.plan_id')
    .innerJoin('customers', 'customers.merchant_id', 'plans.merchant_id')
    .select(SOLD_BUNDLE_COLUMNS)
    .where('credit_bundles.id', '=', bundleId)
    .where('credit_bundles.deleted_at', 'is', null)
    .where('plans.merchant_id', '=', merchantId)
    .where('customers.id', '=', customer)
    .where('customers.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!bundle) return null;
  const entry = await deps.catalog.get(merchantId, bundle.plan_id, now);
  return entry && { ...entry, bundle };
}
