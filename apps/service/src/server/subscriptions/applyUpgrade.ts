import { renewCycleCredits } from '../credits/renewCycleCredits.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { addBillingInterval } from './addBillingInterval.ts';
import { announceSubscriptionUpdated } from './announceSubscriptionUpdated.ts';

export interface ApplyUpgradeInput {
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>;
  subscriptionId: string;
  plan: Pick<Tables['plans'], 'id' | 'billing_interval' | 'included_credit'>;
  /** The upgrade's payment. */
  payment: Pick<Tables['payments'], 'id' | 'amount'>;
  /** The card the upgrade was paid with, when it is a new one: renewals charge it from now on. */
  paymentMethodId: string | null;
  at: Date;
}

/**
 * Moves an active subscription to a more expensive plan at once, inside the caller's
 * transaction, once its prorated charge is paid (`prorateUpgrade`): the subscription keeps its
 * id and starts a new cycle of the new plan now; what is left of its cycle (and rollover)
 * credit expires, the new plan's `included_credit` is granted, and bundle and top-up credits
 * stay. A pending change is dropped, and so is the auto top-up bundle (the old plan's).
 * Announced by `subscription.updated` (`plan_upgraded`). `false`: the subscription had ended,
 * or was on the plan already, and nothing changed.
 */
export async function applyUpgrade(trx: Db, input: ApplyUpgradeInput): Promise<boolean> {
  const { merchant, plan, at } = input;
  const cycleStartAt = at.toISOString();
  const cycleEndAt = addBillingInterval(at, plan.billing_interval).toISOString();
  const before = await trx
    .selectFrom('subscriptions')
    .select(['customer_id', 'plan_id'])
    .where('id', '=', input.subscriptionId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!before || before.plan_id === plan.id) return false;
  await trx
    .updateTable('subscriptions')
    .set({
      plan_id: plan.id,
      cycle_start_at: cycleStartAt,
      cycle_end_at: cycleEndAt,
      pending_change: null,
      pending_plan_id: null,
      auto_top_up_bundle_id: null,
      ...(input.paymentMethodId ? { payment_method_id: input.paymentMethodId } : {}),
    })
    .where('id', '=', input.subscriptionId)
    .execute();
  await renewCycleCredits(trx, {
    merchant,
    customerId: before.customer_id,
    subscriptionId: input.subscriptionId,
    // The cycle credit was paid back in the proration: none of it carries; bundles stay.
    plan: {
      included_credit: plan.included_credit,
      rollover_type: 'none',
      bundle_rollover_type: 'full',
    },
    cycleStartAt,
    cycleEndAt,
    at,
  });
  await announceSubscriptionUpdated(trx, {
    merchant,
    subscriptionId: input.subscriptionId,
    change: 'plan_upgraded',
    pendingChange: null,
    at,
    extra: {
      previous_plan_id: before.plan_id,
      payment_id: input.payment.id,
      amount: input.payment.amount,
    },
  });
  return true;
}
