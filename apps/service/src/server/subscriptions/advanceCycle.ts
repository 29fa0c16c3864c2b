import { toCreditUnits } from '../credits/creditUnits.ts';
import { renewCycleCredits } from '../credits/renewCycleCredits.ts';
import { settleOverage } from '../credits/settleOverage.ts';
import { subscriptionSummary } from '../customers/subscriptionSummary.ts';
import { toRestCustomer } from '../customers/toRestCustomer.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { insertWebhookEvents } from '../webhooks/insertWebhookEvents.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { addBillingInterval } from './addBillingInterval.ts';

// The statements of every renewal, prepared once (see prepareQuery).
const findSubscription = prepareQuery((db, param: Param<{ id: string }>) =>
  db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .selectAll('subscriptions')
    .select([
      'plans.name as plan_name',
      'plans.billing_interval',
      'plans.included_credit',
      'plans.rollover_type',
      'plans.bundle_rollover_type',
    ])
    .where('subscriptions.id', '=', param('id')),
);
const moveCycle = prepareQuery(
  (db, param: Param<{ id: string; from: string; cycle_start_at: string; cycle_end_at: string }>) =>
    db
      .updateTable('subscriptions')
      .set({ cycle_start_at: param('cycle_start_at'), cycle_end_at: param('cycle_end_at') })
      .where('id', '=', param('id'))
      .where('status', '=', 'active')
      .where('cycle_start_at', '=', param('from')),
);
const findCustomer = prepareQuery((db, param: Param<{ id: string }>) =>
  db.selectFrom('customers').selectAll().where('id', '=', param('id')),
);

export interface AdvanceCycleInput {
  merchant: { id: string; environment: 'test' | 'live' };
  subscriptionId: string;
  /** The cycle that was paid for: it advances only if it is still the subscription's. */
  cycleStartAt: string;
  /** The renewal's payment; `null` for a plan with nothing to charge. */
  payment: Pick<Tables['payments'], 'id' | 'amount' | 'overage_amount'> | null;
  at: Date;
}

/**
 * Starts a subscription's next cycle once its renewal is paid, inside the caller's transaction:
 * the cycle moves on by the plan's interval from where the last one ended (so a late renewal
 * keeps the subscription's dates), its credits are renewed (`renewCycleCredits`), the usage the
 * payment charged is taken off what is due (`settleOverage`), and `subscription.renewed` goes to
 * the outbox. `false`: the cycle was no longer the subscription's (renewed, or cancelled,
 * meanwhile), and nothing changed.
 */
export async function advanceCycle(trx: Db, input: AdvanceCycleInput): Promise<boolean> {
  const { merchant, at } = input;
  const [subscription] = (await findSubscription(trx, { id: input.subscriptionId })).rows;
  if (!subscription) {
    throw new Error(
      `Lava Checkout: subscription ${input.subscriptionId} is gone; nothing to renew.`,
    );
  }
  const cycleStartAt = subscription.cycle_end_at;
  const cycleEndAt = addBillingInterval(
    new Date(cycleStartAt),
    subscription.billing_interval,
  ).toISOString();
  const moved = await moveCycle(trx, {
    id: subscription.id,
    from: input.cycleStartAt,
    cycle_start_at: cycleStartAt,
    cycle_end_at: cycleEndAt,
  });
  if (moved.numAffectedRows !== 1n) return false;

  const customerId = subscription.customer_id;
  await renewCycleCredits(trx, {
    merchant,
    customerId,
    subscriptionId: subscription.id,
    plan: subscription,
    cycleStartAt,
    cycleEndAt,
    at,
  });
  const overage = input.payment?.overage_amount ?? null;
  if (overage !== null && toCreditUnits(overage) > 0n) {
    await settleOverage(trx, { merchant, customerId, amount: toCreditUnits(overage), at });
  }
  const [customer] = (await findCustomer(trx, { id: customerId })).rows;
  if (!customer)
    throw new Error(`Lava Checkout: customer ${customerId} is gone; nothing to renew.`);
  await insertWebhookEvents(trx, [
    webhookEvent('subscription.renewed', merchant, at, {
      ...toRestCustomer(customer, subscriptionSummary(subscription, 'active')),
      subscription_id: subscription.id,
      plan_id: subscription.plan_id,
      cycle_start_at: cycleStartAt,
      cycle_end_at: cycleEndAt,
      payment_id: input.payment?.id ?? null,
      amount: input.payment?.amount ?? '0.00',
      overage_amount: overage ?? '0.00',
    }),
  ]);
  return true;
}
