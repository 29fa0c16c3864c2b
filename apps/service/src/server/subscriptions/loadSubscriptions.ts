import type { RestSubscription, RestSubscriptionBase } from '@lava-checkout/server';
import { balanceSums, toBalance } from '../credits/balanceOf.ts';
import { fromCreditUnits } from '../credits/creditUnits.ts';
import type { Db } from '../platform/db/Database.ts';
import { formatMoney } from '../platform/money/Money.ts';
import { PENDING_CHANGE_COLUMNS } from './PENDING_CHANGE_COLUMNS.ts';

/**
 * Subscriptions with their plan, credits (what is left of the grants given for each, at `at`)
 * and customer, ready for the REST shapes.
 */
export function subscriptionsQuery(db: Db, merchantId: string, at: Date = new Date()) {
  const sums = balanceSums(at.toISOString());
  return db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .leftJoin('plans as pending_plans', 'pending_plans.id', 'subscriptions.pending_plan_id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('credit_grants')
          .select([
            'credit_grants.subscription_id',
            sums.cycle.as('cycle'),
            sums.bundle.as('bundle'),
          ])
          .groupBy('credit_grants.subscription_id')
          .as('credits'),
      (join) => join.onRef('credits.subscription_id', '=', 'subscriptions.id'),
    )
    .select([
      'subscriptions.id',
      'subscriptions.customer_id',
      'subscriptions.plan_id',
      'subscriptions.status',
      'subscriptions.auto_top_up_bundle_id',
      'subscriptions.auto_top_up_off',
      'plans.default_auto_top_up_bundle_id',
      'subscriptions.started_at',
      'subscriptions.cancelled_at',
      'subscriptions.cycle_start_at',
      'subscriptions.cycle_end_at',
      ...PENDING_CHANGE_COLUMNS,
      'plans.name as plan_name',
      'plans.period_amount',
      'plans.included_credit',
      'plans.billing_interval',
      'plans.rollover_type',
      'plans.bundle_rollover_type',
      'credits.cycle as credits_cycle',
      'credits.bundle as credits_bundle',
      'customers.phone',
      'customers.email',
      'customers.name as customer_name',
    ])
    .where('plans.merchant_id', '=', merchantId);
}

export type SubscriptionRow = Awaited<
  ReturnType<ReturnType<typeof subscriptionsQuery>['execute']>
>[number];

/** A subscription in the REST API's `RestSubscriptionBase` shape, credits left included. */
export function toRestSubscriptionBase(row: SubscriptionRow) {
  const credits = toBalance({ cycle: row.credits_cycle, bundle: row.credits_bundle });
  return {
    subscription_id: row.id,
    plan_id: row.plan_id,
    status: row.status,
    // What auto top-up buys: the subscription's own bundle, else its plan's default; off: null.
    auto_top_up_bundle_id: row.auto_top_up_off
      ? null
      : (row.auto_top_up_bundle_id ?? row.default_auto_top_up_bundle_id),
    started_at: row.started_at,
    cancelled_at: row.cancelled_at,
    cycle_start_at: row.cycle_start_at,
    cycle_end_at: row.cycle_end_at,
    plan: {
      name: row.plan_name,
      period_amount: row.period_amount,
      included_credit: row.included_credit,
      billing_interval: row.billing_interval,
      rollover_type: row.rollover_type,
      bundle_rollover_type: row.bundle_rollover_type,
    },
    credits: {
      total_remaining: formatMoney(fromCreditUnits(credits.total)),
      cycle_remaining: formatMoney(fromCreditUnits(credits.cycle)),
      bundle_remaining: formatMoney(fromCreditUnits(credits.bundle)),
    },
    pending_change: toRestPendingChange(row),
  } satisfies RestSubscriptionBase;
}

/**
 * What happens when the cycle ends, as the published SDK types it (`RestPendingChange`): a
 * `downgrade` names the plan it renews on; both take effect at the cycle's end. `null`: the
 * subscription renews as it is (or has ended).
 */
export function toRestPendingChange(
  row: Pick<
    SubscriptionRow,
    | 'status'
    | 'cycle_end_at'
    | 'pending_change'
    | 'pending_plan_id'
    | 'pending_plan_name'
    | 'pending_period_amount'
    | 'pending_included_credit'
  >,
): RestSubscriptionBase['pending_change'] {
  if (row.status !== 'active' || row.pending_change === null) return null;
  if (row.pending_change === 'cancellation') {
    return { type: 'cancellation', effective_at: row.cycle_end_at };
  }
  return {
    type: 'downgrade',
    effective_at: row.cycle_end_at,
    plan_id: row.pending_plan_id ?? '',
    name: row.pending_plan_name ?? '',
    period_amount: row.pending_period_amount ?? '',
    included_credit: row.pending_included_credit ?? '',
  };
}

/** A subscription in the `RestSubscription` shape of lists: its customer too. */
export function toRestSubscription(row: SubscriptionRow) {
  const [first, ...rest] = row.customer_name?.split(' ') ?? [];
  const customer: RestSubscription['customer'] = {
    phone: row.phone ?? '',
  };
  if (row.email) customer.email = row.email;
  if (first) customer.first_name = first;
  if (rest.length > 0) customer.last_name = rest.join(' ');
  return {
    ...toRestSubscriptionBase(row),
    customer_id: row.customer_id,
    customer,
  } satisfies RestSubscription;
}
