import type { BillingInterval } from '@lava-checkout/protocol';
import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import { createId } from '../platform/createId.ts';
import { formatMoney } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { checkMetersExist } from './checkMetersExist.ts';
import { linkPlanMeters } from './linkPlanMeters.ts';

type Rollover = 'full' | 'none';

/** A new plan, as the merchant describes it (checked for form already). */
export interface CreatePlanInput {
  name: string;
  period_amount: string;
  billing_interval: BillingInterval;
  rollover_type?: Rollover | undefined;
  bundle_rollover_type?: Rollover | undefined;
  included_credit?: string | undefined;
  default_auto_top_up_bundle_index?: number | null | undefined;
  meter_ids?: string[] | undefined;
  credit_bundles?: { name: string; cost: string; credit_amount: string }[] | undefined;
}

/**
 * Makes a plan with its meters and credit bundles, in one transaction. Its included credit is
 * its price unless said otherwise; unused credit does not roll over, bundle credit does.
 */
export async function createPlan(
  services: Pick<Services, 'db' | 'now'>,
  merchant: AuthenticatedMerchant,
  input: CreatePlanInput,
) {
  const { db } = services;
  await checkMetersExist(db, merchant.id, input.meter_ids ?? []);
  const at = services.now().toISOString();
  // Ids made in one millisecond sort at random: hand them out sorted, so that listing bundles
  // by id gives them in the order they were sent.
  const bundleIds = (input.credit_bundles ?? [])
    .map(() => createId(ID_PREFIXES.creditBundle, merchant.environment))
    .sort();
  const bundles = (input.credit_bundles ?? []).map((bundle, index) => ({
    id: bundleIds[index] ?? createId(ID_PREFIXES.creditBundle, merchant.environment),
    name: bundle.name,
    cost: formatMoney(bundle.cost),
    credit_amount: formatMoney(bundle.credit_amount),
    created_at: at,
    deleted_at: null,
  }));
  const index = input.default_auto_top_up_bundle_index;
  const plan = {
    id: createId(ID_PREFIXES.plan, merchant.environment),
    merchant_id: merchant.id,
    name: input.name,
    period_amount: formatMoney(input.period_amount),
    billing_interval: input.billing_interval,
    included_credit: formatMoney(input.included_credit ?? input.period_amount),
    rollover_type: input.rollover_type ?? 'none',
    bundle_rollover_type: input.bundle_rollover_type ?? 'full',
    default_auto_top_up_bundle_id: typeof index === 'number' ? (bundles[index]?.id ?? null) : null,
    created_at: at,
    deleted_at: null,
    is_free: 0,
  } as const;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('plans').values(plan).execute();
    await linkPlanMeters(trx, plan.id, input.meter_ids ?? []);
    if (bundles.length > 0) {
      await trx
        .insertInto('credit_bundles')
        .values(bundles.map((bundle) => ({ ...bundle, plan_id: plan.id })))
        .execute();
    }
  });
  return plan;
}
