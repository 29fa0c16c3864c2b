import { findPlanOrThrow } from '../catalog/findPlanOrThrow.ts';
import { findCustomerOrThrow } from '../customers/findCustomerOrThrow.ts';
import type { Tables } from '../platform/db/Database.ts';
import { Money } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { subscriptionsQuery, toRestSubscriptionBase } from './loadSubscriptions.ts';
import { subscribeWithoutCheckout } from './subscribeWithoutCheckout.ts';

/**
 * `POST /v1/subscriptions` (the published SDK's `subscriptions.create`): subscribes a customer
 * to a $0 plan (the Free plan every merchant has, or another) without a checkout. A paid plan
 * is refused: its customer pays through a checkout session. Returns the subscription as
 * `RestSubscriptionBase`.
 */
export async function subscribeToFreePlan(
  services: Pick<Services, 'db' | 'now'>,
  merchant: Pick<Tables['merchants'], 'id' | 'environment'>,
  input: { customer_id: string; plan_id: string },
) {
  const { db } = services;
  const customer = await findCustomerOrThrow(db, merchant.id, input.customer_id, 'customer_id');
  const plan = await findPlanOrThrow(db, merchant.id, input.plan_id, 'plan_id');
  if (new Money(plan.period_amount).gt(0)) {
    throw new ServiceError(
      'invalid_request',
      `Lava Checkout: ${plan.name} costs ${plan.period_amount} a ${plan.billing_interval}, and only a $0 plan can be subscribed to here. Use a checkout session to subscribe to a paid plan (POST /v1/checkout_sessions with checkout_mode "subscription" and this plan_id): the customer pays there.`,
      { param: 'plan_id' },
    );
  }
  const at = services.now();
  const subscriptionId = await subscribeWithoutCheckout(db, { merchant, customer, plan, at });
  const row = await subscriptionsQuery(db, merchant.id, at)
    .where('subscriptions.id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return { subscription: toRestSubscriptionBase(row) };
}
