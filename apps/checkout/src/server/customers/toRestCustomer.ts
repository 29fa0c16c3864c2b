import type { Tables } from '../db/Database.ts';

/** A customer in the REST API's `RestCustomer` shape (reference/lava-wire-spec.md, 3.3). */
export function toRestCustomer(
  customer: Tables['customers'],
  subscription: {
    id: string;
    plan_id: string;
    name: string;
    status: 'active' | 'cancelled';
  } | null,
) {
  return {
    customer_id: customer.id,
    reference_id: null,
    contact: { phone: customer.phone, email: null, first_name: null, last_name: null },
    subscription: subscription && {
      subscription_id: subscription.id,
      plan_id: subscription.plan_id,
      name: subscription.name,
      status: subscription.status,
    },
    metadata: null,
    created_at: customer.created_at,
  };
}
