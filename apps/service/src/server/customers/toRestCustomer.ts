import type { RestCustomer } from '@lava-checkout/server';
import type { Tables } from '../platform/db/Database.ts';

/** The subscription summary a `RestCustomer` carries. */
export interface CustomerSubscriptionSummary {
  id: string;
  plan_id: string;
  name: string;
  status: 'active' | 'cancelled';
}

type CustomerRow = Pick<Tables['customers'], 'id' | 'phone' | 'created_at'> &
  Partial<Pick<Tables['customers'], 'reference_id' | 'email' | 'name' | 'metadata'>>;

/**
 * A customer in the REST API's `RestCustomer` shape. Its contact fields are strings, as the
 * published SDK types them: one the service does not know (no phone for a customer made
 * through the API, no email or name for one made by checkout) is `""`. A name is split at its
 * first space into `first_name` and `last_name`.
 */
export function toRestCustomer(
  customer: CustomerRow,
  subscription: CustomerSubscriptionSummary | null,
): RestCustomer {
  const [first, ...rest] = customer.name?.split(' ') ?? [];
  return {
    customer_id: customer.id,
    reference_id: customer.reference_id ?? null,
    contact: {
      phone: customer.phone ?? '',
      email: customer.email ?? '',
      first_name: first ?? '',
      last_name: rest.join(' '),
    },
    subscription: subscription && {
      subscription_id: subscription.id,
      plan_id: subscription.plan_id,
      name: subscription.name,
      status: subscription.status,
    },
    metadata: customer.metadata ? (JSON.parse(customer.metadata) as Record<string, unknown>) : null,
    created_at: customer.created_at,
  } satisfies RestCustomer;
}

export type { RestCustomer };
