import type { Db, Tables } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import { announceSubscriptionUpdated } from './announceSubscriptionUpdated.ts';
import { endOntoFreePlan } from './endOntoFreePlan.ts';
import { toRestPendingChange } from './loadSubscriptions.ts';
import { PENDING_CHANGE_COLUMNS } from './PENDING_CHANGE_COLUMNS.ts';
import { renewalKey } from './renewalKey.ts';
import { selectSubscriptionWithPlan } from './selectSubscriptionWithPlan.ts';

type Due = Awaited<ReturnType<typeof findDue>>[number];

const findDue = (db: Db, now: Date, batch: number) =>
  selectSubscriptionWithPlan(db)
    .innerJoin('merchants', 'merchants.id', 'plans.merchant_id')
    .leftJoin('plans as pending_plans', 'pending_plans.id', 'subscriptions.pending_plan_id')
    .select([
      'subscriptions.cycle_end_at',
      ...PENDING_CHANGE_COLUMNS,
      'merchants.id as merchant_id',
      'merchants.environment',
    ])
    .where('subscriptions.status', '=', 'active')
    .where('subscriptions.pending_change', 'is not', null)
    .where('subscriptions.cycle_end_at', '<=', now.toISOString())
    .orderBy('subscriptions.cycle_end_at')
    .limit(batch)
    .execute();

/**
 * The first step of a renewal pass: every active subscription whose cycle ended with a change
 * pending gets it, each in its own transaction, before the pass charges anything. A
 * `downgrade` moves the subscription to its new plan (the auto top-up bundle, the old plan's, is
 * cleared), and the renewal then charges the new plan's price and starts its cycle with the new
 * plan's credit; a `cancellation` ends the subscription, uncharged, and puts the customer on the
 * merchant's Free plan. Each is announced by `subscription.updated` (`pending_change_applied`).
 * A change whose cycle's renewal was already claimed or paid (by another process's pass) waits
 * for the next cycle's end. Returns how many changes it applied.
 */
export async function applyPendingChanges(
  deps: Pick<Services, 'db'>,
  now: Date,
  batch = 1000,
): Promise<number> {
  let applied = 0;
  for (const subscription of await findDue(deps.db, now, batch)) {
    if (await deps.db.transaction().execute((trx) => applyOne(trx, subscription, now))) {
      applied += 1;
    }
  }
  return applied;
}

async function applyOne(trx: Db, subscription: Due, at: Date): Promise<boolean> {
  const merchant = { id: subscription.merchant_id, environment: subscription.environment };
  const renewal = await trx
    .selectFrom('payments')
    .select('id')
    .where('subscription_id', '=', subscription.id)
    .where('kind', '=', 'renewal')
    .where('status', '!=', 'failed')
    .where(
      'idempotency_key',
      'like',
      `${renewalKey(subscription.id, subscription.cycle_start_at, 0)}%`,
    )
    .executeTakeFirst();
  if (renewal) return false;
  const pendingChange = toRestPendingChange(subscription);
  const taken = await trx
    .updateTable('subscriptions')
    .set(
      subscription.pending_change === 'downgrade' && subscription.pending_plan_id !== null
        ? {
            plan_id: subscription.pending_plan_id,
            auto_top_up_bundle_id: null,
            pending_change: null,
            pending_plan_id: null,
          }
        : { pending_change: null, pending_plan_id: null },
    )
    .where('id', '=', subscription.id)
    .where('status', '=', 'active')
    .where('cycle_start_at', '=', subscription.cycle_start_at)
    .where('pending_change', '=', subscription.pending_change)
    .executeTakeFirst();
  if (taken.numUpdatedRows !== 1n) return false;
  await announceSubscriptionUpdated(trx, {
    merchant,
    subscriptionId: subscription.id,
    change: 'pending_change_applied',
    pendingChange,
    at,
  });
  if (subscription.pending_change === 'cancellation') {
    await endCycleOntoFreePlan(trx, merchant, subscription, at);
  }
  return true;
}

/** A cancellation at the end of the cycle: the subscription ends and the customer goes to Free. */
async function endCycleOntoFreePlan(
  trx: Db,
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>,
  subscription: Pick<Due, 'id' | 'customer_id' | 'plan_id'>,
  at: Date,
): Promise<void> {
  const customer = await trx
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', subscription.customer_id)
    .executeTakeFirstOrThrow();
  await endOntoFreePlan(trx, { merchant, customer, subscription, at });
}
