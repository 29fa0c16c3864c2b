import type { Tables } from '../db/Database.ts';

/**
 * A checkout session in the REST API's `RestCheckoutSession` shape (lava-wire-spec.md, 3.2),
 * without the token, which is never stored. `customer_id` is set once the session completed:
 * it is the customer the checkout created or reused, the id a merchant should trust.
 */
export function toRestCheckoutSession(session: Tables['checkout_sessions']) {
  const completed = session.status === 'completed';
  return {
    checkout_session_id: session.id,
    checkout_mode: session.mode,
    origin_url: session.origin_url,
    plan_id: session.plan_id,
    customer_id: completed ? session.customer_id : null,
    created_at: session.created_at,
    expires_at: session.expires_at,
    completed_at: session.completed_at,
  };
}
