import type { RestSubscriptionBase } from '@lava-checkout/server';
import { findPlanOrThrow } from '../catalog/findPlanOrThrow.ts';
import { findCustomerOrThrow } from '../customers/findCustomerOrThrow.ts';
import { chargeDescription } from '../payments/chargeDescription.ts';
import { chargePayment } from '../payments/chargePayment.ts';
import { claimOffSessionPayment } from '../payments/claimOffSessionPayment.ts';
import { pendingPayment } from '../payments/pendingPayment.ts';
import { answer } from '../payments/purchase.ts';
import { settlePayment } from '../payments/settlePayment.ts';
import { Money } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { type CurrentSubscription, classifyPlanChange } from './classifyPlanChange.ts';
import type { UpgradeProration } from './prorateUpgrade.ts';
import { setPendingChange } from './setPendingChange.ts';
import { subscribeWithoutCheckout } from './subscribeWithoutCheckout.ts';

/** What `changePlan` did. */
export type PlanChange =
  /** Charged `amount` (the proration) and moved to the plan at once; a new cycle started. */
  | ({
      type: 'upgrade';
      subscription_id: string;
      plan_id: string;
      payment_id: string;
    } & UpgradeProration)
  /** The plan becomes theirs when the cycle ends (`pending_change`). */
  | {
      type: 'downgrade';
      subscription_id: string;
      plan_id: string;
      pending_change: NonNullable<RestSubscriptionBase['pending_change']>;
    }
  /** Their plan already: any pending change was taken back, and it renews as it is. */
  | { type: 'unchanged'; subscription_id: string; plan_id: string; pending_change: null }
  /** They had no paid plan, and this one is $0: they are on it now. */
  | { type: 'subscribed'; subscription_id: string; plan_id: string };

type Deps = Pick<Services, 'db' | 'payments' | 'now'>;

/**
 * Moves a customer to another of the merchant's plans (`classifyPlanChange` says how): a more
 * expensive plan applies at once, its prorated price (`prorateUpgrade`) charged off-session to
 * the subscription's saved card through the purchase pipeline (claim, charge, settle, record as
 * an `upgrade` payment); a cheaper (or same-priced) one becomes a pending `downgrade`, applied
 * when the cycle ends; their own plan takes back a pending change. A customer without a paid
 * plan can move to a $0 plan only: a paid one needs a card, given in a checkout session.
 */
export async function changePlan(
  services: Deps,
  input: { merchantId: string; customerId: string; planId: string },
): Promise<PlanChange> {
  const { db } = services;
  const merchant = await db
    .selectFrom('merchants')
    .select(['id', 'environment', 'name'])
    .where('id', '=', input.merchantId)
    .executeTakeFirstOrThrow();
  const customer = await findCustomerOrThrow(db, merchant.id, input.customerId, 'customer_id');
  const plan = await findPlanOrThrow(db, merchant.id, input.planId, 'plan_id');
  const at = services.now();
  const change = await classifyPlanChange(db, { customerId: customer.id, plan, at });
  switch (change.type) {
    case 'same': {
      await setPendingChange(db, {
        merchant,
        subscriptionId: change.subscription.id,
        change: null,
        at,
      });
      return {
        type: 'unchanged',
        subscription_id: change.subscription.id,
        plan_id: plan.id,
        pending_change: null,
      };
    }
    case 'downgrade': {
      const pending = await setPendingChange(db, {
        merchant,
        subscriptionId: change.subscription.id,
        change: { type: 'downgrade', planId: plan.id },
        at,
      });
      if (!pending) throw new Error('Lava Checkout: a downgrade was set but reads back as none.');
      return {
        type: 'downgrade',
        subscription_id: change.subscription.id,
        plan_id: plan.id,
        pending_change: pending,
      };
    }
    case 'new': {
      if (new Money(plan.period_amount).gt(0)) {
        throw new ServiceError(
          'invalid_state',
          `Lava Checkout: customer ${customer.id} has no paid plan and no card to charge for ${plan.name} (${plan.period_amount} a ${plan.billing_interval}). Subscribe them through a checkout session (checkout_mode "subscription" with this plan_id): they give a card there.`,
          { param: 'plan_id' },
        );
      }
      const subscriptionId = await subscribeWithoutCheckout(db, { merchant, customer, plan, at });
      return { type: 'subscribed', subscription_id: subscriptionId, plan_id: plan.id };
    }
    case 'upgrade':
      return chargeUpgrade(services, {
        merchant,
        customerId: customer.id,
        plan,
        subscription: change.subscription,
        proration: change.proration,
      });
    default:
      return change satisfies never;
  }
}

/** The upgrade's prorated charge, off-session, through the purchase pipeline. */
async function chargeUpgrade(
  services: Deps,
  input: {
    merchant: { id: string; environment: 'test' | 'live'; name: string };
    customerId: string;
    plan: { id: string; name: string; billing_interval: 'day' | 'week' | 'month' | 'year' };
    subscription: CurrentSubscription;
    proration: UpgradeProration;
  },
): Promise<PlanChange> {
  const { db } = services;
  const { merchant, plan, subscription, proration } = input;
  const card =
    subscription.payment_method_id === null
      ? undefined
      : await db
          .selectFrom('payment_methods')
          .selectAll()
          .where('id', '=', subscription.payment_method_id)
          .executeTakeFirst();
  if (!card) {
    throw new ServiceError(
      'no_card_on_file',
      `Lava Checkout: subscription ${subscription.id} has no saved card to charge the upgrade to ${plan.name}. Let the customer choose the plan in a checkout session, where they give a card.`,
      { param: 'plan_id' },
    );
  }
  const now = services.now();
  const attempts = await db
    .selectFrom('payments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subscription_id', '=', subscription.id)
    .where('kind', '=', 'upgrade')
    .executeTakeFirstOrThrow();
  const payment = pendingPayment(merchant.environment, now, {
    kind: 'upgrade',
    subscription_id: subscription.id,
    merchant_id: merchant.id,
    plan_id: plan.id,
    amount: proration.amount,
    idempotency_key: `upgrade:${subscription.id}:${Number(attempts.n)}`,
    payment_method_ref: card.processor_ref,
    processor_customer_ref: card.processor_customer_ref,
  });
  // The claim: one payment in flight per subscription (a renewal, a top-up or this).
  if (!(await claimOffSessionPayment(db, payment))) {
    throw new ServiceError(
      'payment_in_progress',
      'Another payment of this subscription is in progress. Try again in a minute.',
    );
  }
  const charge = await chargePayment(
    services.payments,
    payment,
    chargeDescription(merchant.name, plan.name),
  );
  const outcome = answer(
    await settlePayment(services, payment, charge, {
      customerId: input.customerId,
      merchant,
      plan,
      paymentMethod: {
        processorRef: card.processor_ref,
        brand: card.brand,
        last4: card.last4,
        expMonth: card.exp_month,
        expYear: card.exp_year,
        ...(card.processor_customer_ref ? { customerRef: card.processor_customer_ref } : {}),
      },
    }),
  );
  if (outcome.status !== 'succeeded') {
    // Off-session, nobody is there to authenticate: the processor refuses instead.
    throw new ServiceError(
      'authentication_failed',
      'The card asks for authentication, which needs the customer: let them choose the plan in a checkout session.',
    );
  }
  return {
    type: 'upgrade',
    subscription_id: subscription.id,
    plan_id: plan.id,
    payment_id: payment.id,
    ...proration,
  };
}
