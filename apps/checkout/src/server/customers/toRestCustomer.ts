import type { Tables } from '../db/Database.ts';

/** The subscription summary a `RestCustomer` carries. */
export interface CustomerSubscriptionSummary {
  id: string;
  plan_id: string;
  name: string;
  status: 'active' | 'cancelled';
}

type CustomerRow = Pick<Tables['customers'], 'id' | 'phone' | 'created_at'> &
  Partial<Pick<Tables['customers'], 'reference_id' | 'email' | 'name' | 'metadata'>>;

/** A customer in the REST API's `RestCustomer` shape (reference/lava-wire-spec.md, 3.3). */
export function toRestCustomer(
  customer: CustomerRow,
  subscription: CustomerSubscriptionSummary | null,
) {
  const [first, ...rest] = customer.name?.split(' ') ?? [];
  return {
    customer_id: customer.id,
    reference_id: customer.reference_id ?? null,
    contact: {
      phone: customer.phone,
      email: customer.email ?? null,
      first_name: first ?? null,
      last_name: rest.length > 0 ? rest.join(' ') : null,
    },
    subscription: subscription && {
      subscription_id: subscription.id,
      plan_id: subscription.plan_id,
      name: subscription.name,
      status: subscription.status,
    },
    metadata: customer.metadata ? (JSON.parse(customer.metadata) as Record<string, unknown>) : null,
    created_at: customer.created_at,
  };
}

export type RestCustomer = ReturnType<typeof toRestCustomer>;
