import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import { createId } from '../platform/createId.ts';
import { definedOf } from '../platform/definedOf.ts';
import { formatMoney, Money } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { checkMetersExist } from './checkMetersExist.ts';
import { findPlanOrThrow } from './findPlanOrThrow.ts';
import { linkPlanMeters } from './linkPlanMeters.ts';
import { liveBundlesOfPlan } from './liveBundlesOfPlan.ts';

type Rollover = 'full' | 'none';

/** What a merchant may change of a plan: its price and interval are fixed once it exists. */
export interface UpdatePlanInput {
  name?: string | undefined;
  rollover_type?: Rollover | undefined;
  bundle_rollover_type?: Rollover | undefined;
  included_credit?: string | undefined;
  default_auto_top_up_bundle_id?: string | null | undefined;
  meter_ids?: string[] | undefined;
  /** Without an id: a new bundle; with one: that bundle changed, or deleted. */
  credit_bundles?:
    | {
        name: string;
        cost: string;
        credit_amount: string;
        credit_bundle_id?: string | undefined;
        is_deleted?: boolean | undefined;
      }[]
    | undefined;
}

/**
 * Changes a plan, its bundles and its meters in one transaction, and returns it as it now is.
 * Its included credit never exceeds its price; the auto top-up bundle is one of its own.
 */
export async function updatePlan(
  services: Pick<Services, 'db' | 'now'>,
  merchant: AuthenticatedMerchant,
  planId: string,
  input: UpdatePlanInput,
) {
  const { db } = services;
  const plan = await findPlanOrThrow(db, merchant.id, planId);
  if (input.meter_ids) await checkMetersExist(db, merchant.id, input.meter_ids);
  const included = input.included_credit;
  if (included !== undefined && new Money(included).gt(plan.period_amount)) {
    throw new ServiceError(
      'invalid_request',
      `Lava Checkout: included_credit is invalid: it cannot be more than the plan's period_amount (${plan.period_amount}). Lower it.`,
      { param: 'included_credit' },
    );
  }
  const at = services.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const existing = await liveBundlesOfPlan(trx, plan.id).select('id').execute();
    const live = new Set(existing.map((row) => row.id));
    for (const [index, bundle] of (input.credit_bundles ?? []).entries()) {
      const values = {
        name: bundle.name,
        cost: formatMoney(bundle.cost),
        credit_amount: formatMoney(bundle.credit_amount),
      };
      if (bundle.credit_bundle_id === undefined) {
        if (bundle.is_deleted) continue;
        const bundleId = createId(ID_PREFIXES.creditBundle, merchant.environment);
        await trx
          .insertInto('credit_bundles')
          .values({ id: bundleId, plan_id: plan.id, ...values, created_at: at, deleted_at: null })
          .execute();
        live.add(bundleId);
      } else if (!live.has(bundle.credit_bundle_id)) {
        throw new ServiceError(
          'not_found',
          `Lava Checkout: credit_bundles.${index}.credit_bundle_id names no bundle of this plan. Leave it out to add a bundle.`,
          { param: `credit_bundles.${index}.credit_bundle_id` },
        );
      } else if (bundle.is_deleted) {
        await trx
          .updateTable('credit_bundles')
          .set({ deleted_at: at })
          .where('id', '=', bundle.credit_bundle_id)
          .execute();
        live.delete(bundle.credit_bundle_id);
      } else {
        await trx
          .updateTable('credit_bundles')
          .set(values)
          .where('id', '=', bundle.credit_bundle_id)
          .execute();
      }
    }
    const topUp = input.default_auto_top_up_bundle_id;
    if (typeof topUp === 'string' && !live.has(topUp)) {
      throw new ServiceError(
        'not_found',
        'Lava Checkout: default_auto_top_up_bundle_id names no bundle of this plan. Use a credit_bundle_id of this plan, or null.',
        { param: 'default_auto_top_up_bundle_id' },
      );
    }
    const changes = definedOf({
      name: input.name,
      rollover_type: input.rollover_type,
      bundle_rollover_type: input.bundle_rollover_type,
      included_credit: included === undefined ? undefined : formatMoney(included),
      default_auto_top_up_bundle_id: topUp,
    });
    if (Object.keys(changes).length > 0) {
      await trx.updateTable('plans').set(changes).where('id', '=', plan.id).execute();
    }
    if (input.meter_ids) {
      await trx.deleteFrom('plan_meters').where('plan_id', '=', plan.id).execute();
      await linkPlanMeters(trx, plan.id, input.meter_ids);
    }
  });
  return findPlanOrThrow(db, merchant.id, plan.id);
}
