import type { CustomerSubscriptionSummary } from './toRestCustomer.ts';

/** The subscription summary a `RestCustomer` carries, from a subscription read with its plan's name. */
export function subscriptionSummary(
  subscription: { id: string; plan_id: string; plan_name: string },
  status: CustomerSubscriptionSummary['status'],
): CustomerSubscriptionSummary {
  return {
    id: subscription.id,
    plan_id: subscription.plan_id,
    name: subscription.plan_name,
    status,
  };
}
