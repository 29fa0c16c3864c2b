import { creditsLeft } from '../credits/creditsLeft.ts';
import type { Db } from '../platform/db/Database.ts';
import { formatMoney } from '../platform/money/Money.ts';

/** Subscriptions with their plan, credits and customer, ready for the REST shapes. */
export function subscriptionsQuery(db: Db, merchantId: string) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('customers', 'customers.id', 'subscriptions.customer_id')
    .leftJoin('credit_balances', 'credit_balances.subscription_id', 'subscriptions.id')
    .select([
      'subscriptions.id',
      'subscriptions.customer_id',
      'subscriptions.plan_id',
      'subscriptions.status',
      'subscriptions.auto_top_up_bundle_id',
      'subscriptions.started_at',
      'subscriptions.cancelled_at',
      'subscriptions.cycle_start_at',
      'subscriptions.cycle_end_at',
      'plans.name as plan_name',
      'plans.period_amount',
      'plans.included_credit',
      'plans.billing_interval',
      'plans.rollover_type',
      'plans.bundle_rollover_type',
      'credit_balances.cycle_start_at as balance_cycle_start_at',
      'credit_balances.cycle_used',
      'credit_balances.bundle_remaining',
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
  const credits = creditsLeft(
    row,
    row.included_credit,
    row.balance_cycle_start_at !== null && row.cycle_used !== null && row.bundle_remaining !== null
      ? {
          cycle_start_at: row.balance_cycle_start_at,
          cycle_used: row.cycle_used,
          bundle_remaining: row.bundle_remaining,
        }
      : null,
  );
  return {
    subscription_id: row.id,
    plan_id: row.plan_id,
    status: row.status,
    auto_top_up_bundle_id: row.auto_top_up_bundle_id,
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
      total_remaining: formatMoney(credits.cycle.plus(credits.bundle)),
      cycle_remaining: formatMoney(credits.cycle),
      bundle_remaining: formatMoney(credits.bundle),
    },
    pending_change: null,
  };
}

/** A subscription in the `RestSubscription` shape of lists: its customer too. */
export function toRestSubscription(row: SubscriptionRow) {
  const [first, ...rest] = row.customer_name?.split(' ') ?? [];
  const customer: { phone: string; email?: string; first_name?: string; last_name?: string } = {
    phone: row.phone ?? '',
  };
  if (row.email) customer.email = row.email;
  if (first) customer.first_name = first;
  if (rest.length > 0) customer.last_name = rest.join(' ');
  return { ...toRestSubscriptionBase(row), customer_id: row.customer_id, customer };
}
