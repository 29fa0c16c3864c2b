import type { Db, Tables } from '../platform/db/Database.ts';
import { Money } from '../platform/money/Money.ts';
import { prorateUpgrade, type UpgradeProration } from './prorateUpgrade.ts';
import { selectSubscriptionWithPlan } from './selectSubscriptionWithPlan.ts';

/** A customer's active subscription, as a plan change needs it. */
export type CurrentSubscription = Pick<
  Tables['subscriptions'],
  | 'id'
  | 'customer_id'
  | 'plan_id'
  | 'cycle_start_at'
  | 'cycle_end_at'
  | 'payment_method_id'
  | 'pending_change'
  | 'pending_plan_id'
> & { period_amount: string };

/**
 * What choosing `plan` means for a customer, by the plan they are on:
 *
 * - `new`: no plan, or a $0 one (the Free plan): the plan starts as a new subscription;
 * - `same`: it is their plan already;
 * - `upgrade`: it costs more (`period_amount`) than theirs: it applies at once, prorated
 *   (`prorateUpgrade`);
 * - `downgrade`: it costs the same or less: it becomes their plan when the cycle ends.
 */
export type PlanChangeKind =
  | { type: 'new'; subscription: CurrentSubscription | null }
  | { type: 'same'; subscription: CurrentSubscription }
  | { type: 'upgrade'; subscription: CurrentSubscription; proration: UpgradeProration }
  | { type: 'downgrade'; subscription: CurrentSubscription };

export async function classifyPlanChange(
  db: Db,
  input: {
    customerId: string;
    plan: Pick<Tables['plans'], 'id' | 'period_amount'>;
    at: Date;
  },
): Promise<PlanChangeKind> {
  const subscription =
    (await selectSubscriptionWithPlan(db)
      .select([
        'subscriptions.cycle_end_at',
        'subscriptions.payment_method_id',
        'subscriptions.pending_change',
        'subscriptions.pending_plan_id',
        'plans.period_amount',
      ])
      .where('subscriptions.customer_id', '=', input.customerId)
      .where('subscriptions.status', '=', 'active')
      // One plan at a time; should there be two, the latest is the customer's plan.
      .orderBy('subscriptions.created_at', 'desc')
      .executeTakeFirst()) ?? null;
  if (subscription === null) return { type: 'new', subscription };
  if (subscription.plan_id === input.plan.id) return { type: 'same', subscription };
  const current = new Money(subscription.period_amount);
  if (current.lte(0)) return { type: 'new', subscription };
  if (new Money(input.plan.period_amount).gt(current)) {
    return {
      type: 'upgrade',
      subscription,
      proration: prorateUpgrade({
        currentAmount: subscription.period_amount,
        newAmount: input.plan.period_amount,
        cycleStartAt: subscription.cycle_start_at,
        cycleEndAt: subscription.cycle_end_at,
        at: input.at,
      }),
    };
  }
  return { type: 'downgrade', subscription };
}
