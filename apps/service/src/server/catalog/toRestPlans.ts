import type { RestCreditBundle, RestPlan } from '@lava-checkout/server';
import type { Selectable } from 'kysely';
import type { Db, Tables } from '../platform/db/Database.ts';

type PlanRow = Selectable<Tables['plans']>;

/** A credit bundle in the REST API's `RestCreditBundle` shape. */
export const toRestCreditBundle = (bundle: Tables['credit_bundles']) =>
  ({
    credit_bundle_id: bundle.id,
    plan_id: bundle.plan_id,
    name: bundle.name,
    cost: bundle.cost,
    credit_amount: bundle.credit_amount,
    created_at: bundle.created_at,
  }) satisfies RestCreditBundle;

/**
 * Plans in the REST API's `RestPlan` shape, with their linked meters and live credit bundles,
 * read in two queries for the whole page.
 */
export async function toRestPlans(db: Db, plans: PlanRow[]) {
  const ids = plans.map((plan) => plan.id);
  const [meters, bundles] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom('plan_meters')
            .innerJoin('meters', 'meters.id', 'plan_meters.meter_id')
            .select(['plan_meters.plan_id', 'meters.id', 'meters.name'])
            .where('plan_meters.plan_id', 'in', ids)
            .where('meters.deleted_at', 'is', null)
            .orderBy('meters.id')
            .execute(),
          db
            .selectFrom('credit_bundles')
            .selectAll()
            .where('plan_id', 'in', ids)
            .where('deleted_at', 'is', null)
            .orderBy('id')
            .execute(),
        ]);
  return plans.map(
    (plan) =>
      ({
        plan_id: plan.id,
        merchant_id: plan.merchant_id,
        name: plan.name,
        period_amount: plan.period_amount,
        included_credit: plan.included_credit,
        billing_interval: plan.billing_interval,
        rollover_type: plan.rollover_type,
        bundle_rollover_type: plan.bundle_rollover_type,
        default_auto_top_up_bundle_id: plan.default_auto_top_up_bundle_id,
        linked_meters: meters
          .filter((meter) => meter.plan_id === plan.id)
          .map((meter) => ({ meter_id: meter.id, name: meter.name })),
        credit_bundles: bundles
          .filter((bundle) => bundle.plan_id === plan.id)
          .map((bundle) => ({
            credit_bundle_id: bundle.id,
            name: bundle.name,
            cost: bundle.cost,
            credit_amount: bundle.credit_amount,
          })),
        created_at: plan.created_at,
      }) satisfies RestPlan,
  );
}

/** One plan in the `RestPlan` shape. */
export async function toRestPlan(db: Db, plan: PlanRow) {
  const [rest] = await toRestPlans(db, [plan]);
  if (!rest) throw new Error('unreachable: a plan maps to one RestPlan');
  return rest;
}
