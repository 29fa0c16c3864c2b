import type {
  AccountOverview,
  AccountPayment,
  AccountPlan,
  UsageDay,
} from '../../shared/accountContract.ts';
import type { CardOnFile } from '../../shared/checkoutContract.ts';
import { CARD_ON_FILE_COLUMNS } from '../customers/CARD_ON_FILE_COLUMNS.ts';
import type { Db } from '../platform/db/Database.ts';
import { formatMoney, Money } from '../platform/money/Money.ts';
import { selectSubscriptionWithPlan } from '../subscriptions/selectSubscriptionWithPlan.ts';
import { readAccountSummary } from './readAccountSummary.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Receipts the page lists; older ones stay with the merchant. */
const PAYMENTS_SHOWN = 50;

const KINDS = new Set<AccountPayment['kind']>(['plan', 'bundle', 'renewal', 'top_up', 'upgrade']);

/** The days from `start` up to `end` (both UTC dates), each once. */
function daysOf(start: string, end: Date): string[] {
  const days: string[] = [];
  for (let at = Date.parse(start.slice(0, 10)); at <= end.getTime(); at += DAY_MS) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * Everything the hosted account page shows of one customer, in one reading: the summary (the
 * same as the balance's), the cycle's usage per day, the plan's bundles and auto top-up, the
 * merchant's other plans, the card on file and the payments made.
 */
export async function readAccountOverview(
  db: Db,
  merchantId: string,
  customerId: string,
  now: Date,
): Promise<AccountOverview> {
  const summary = await readAccountSummary(db, merchantId, customerId);
  const subscription = await selectSubscriptionWithPlan(db)
    .leftJoin('payment_methods', 'payment_methods.id', 'subscriptions.payment_method_id')
    .select([
      'subscriptions.auto_top_up_bundle_id',
      'subscriptions.auto_top_up_off',
      'plans.period_amount',
      'plans.default_auto_top_up_bundle_id',
      ...CARD_ON_FILE_COLUMNS.shown,
    ])
    .where('subscriptions.customer_id', '=', customerId)
    .where('plans.merchant_id', '=', merchantId)
    .where('subscriptions.status', '=', 'active')
    .executeTakeFirst();

  const payments = await readPayments(db, customerId);
  if (!subscription) {
    return {
      summary,
      usage: [],
      bundles: [],
      auto_top_up_bundle_id: null,
      default_auto_top_up_bundle_id: null,
      plans: [],
      card: null,
      payments,
    };
  }

  const usageRows = await db
    .selectFrom('usage_requests')
    .select(['created_at', 'charge'])
    .where('merchant_id', '=', merchantId)
    .where('customer_id', '=', customerId)
    .where('created_at', '>=', subscription.cycle_start_at)
    .execute();
  const byDay = new Map<string, { amount: Money; requests: number }>();
  for (const row of usageRows) {
    const day = row.created_at.slice(0, 10);
    const sum = byDay.get(day) ?? { amount: new Money(0), requests: 0 };
    byDay.set(day, { amount: sum.amount.plus(row.charge), requests: sum.requests + 1 });
  }
  const usage: UsageDay[] = daysOf(subscription.cycle_start_at, now).map((date) => {
    const sum = byDay.get(date);
    return {
      date,
      amount: sum ? sum.amount.toDecimalPlaces(2).toFixed(2) : '0.00',
      requests: sum?.requests ?? 0,
    };
  });

  const bundles = await db
    .selectFrom('credit_bundles')
    .select(['id', 'name', 'cost', 'credit_amount'])
    .where('plan_id', '=', subscription.plan_id)
    .where('deleted_at', 'is', null)
    .orderBy('cost')
    .execute();

  const plans = await db
    .selectFrom('plans')
    .select(['id', 'name', 'period_amount', 'billing_interval', 'included_credit'])
    .where('merchant_id', '=', merchantId)
    .where('deleted_at', 'is', null)
    .where('id', '!=', subscription.plan_id)
    .orderBy('period_amount')
    .execute();
  const current = new Money(subscription.period_amount);

  return {
    summary,
    usage,
    bundles: bundles.map((bundle) => ({
      id: bundle.id,
      name: bundle.name,
      cost: formatMoney(bundle.cost),
      credits: formatMoney(bundle.credit_amount),
    })),
    // What auto top-up buys: the subscription's bundle, else the plan's default, unless turned off.
    auto_top_up_bundle_id: subscription.auto_top_up_off
      ? null
      : (subscription.auto_top_up_bundle_id ?? subscription.default_auto_top_up_bundle_id),
    default_auto_top_up_bundle_id: subscription.default_auto_top_up_bundle_id,
    plans: plans.map(
      (plan): AccountPlan => ({
        id: plan.id,
        name: plan.name,
        period_amount: formatMoney(plan.period_amount),
        billing_interval: plan.billing_interval,
        included_credit: formatMoney(plan.included_credit),
        change: new Money(plan.period_amount).gt(current) ? 'upgrade' : 'downgrade',
      }),
    ),
    card: shownCard(subscription),
    payments,
  };
}

/** The customer's succeeded payments, at checkout or off-session, latest first. */
async function readPayments(db: Db, customerId: string): Promise<AccountPayment[]> {
  const rows = await db
    .selectFrom('payments')
    .leftJoin('checkout_sessions', 'checkout_sessions.id', 'payments.session_id')
    .leftJoin('subscriptions', 'subscriptions.id', 'payments.subscription_id')
    .leftJoin('plans', 'plans.id', 'payments.plan_id')
    .leftJoin('credit_bundles', 'credit_bundles.id', 'payments.credit_bundle_id')
    .leftJoin('payment_methods', (join) =>
      join
        .onRef('payment_methods.processor_ref', '=', 'payments.payment_method_ref')
        .on('payment_methods.customer_id', '=', customerId),
    )
    .select([
      'payments.id',
      'payments.kind',
      'payments.amount',
      'payments.created_at',
      'plans.name as plan_name',
      'credit_bundles.name as bundle_name',
      ...CARD_ON_FILE_COLUMNS.shown,
    ])
    .where('payments.status', '=', 'succeeded')
    .where((eb) =>
      eb.or([
        eb('checkout_sessions.customer_id', '=', customerId),
        eb('subscriptions.customer_id', '=', customerId),
      ]),
    )
    .orderBy('payments.created_at', 'desc')
    .orderBy('payments.id', 'desc')
    .limit(PAYMENTS_SHOWN)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    kind: KINDS.has(row.kind as AccountPayment['kind'])
      ? (row.kind as AccountPayment['kind'])
      : 'other',
    description: row.bundle_name ?? row.plan_name ?? '',
    amount: formatMoney(row.amount),
    created_at: row.created_at,
    card: shownCard(row),
  }));
}

/** A card read with `CARD_ON_FILE_COLUMNS.shown` through a left join; `null` when there is none. */
function shownCard(row: {
  brand: string | null;
  last4: string | null;
  exp_month: number | null;
  exp_year: number | null;
}): CardOnFile | null {
  const { brand, last4, exp_month, exp_year } = row;
  return brand !== null && last4 !== null && exp_month !== null && exp_year !== null
    ? { brand, last4, exp_month, exp_year }
    : null;
}
