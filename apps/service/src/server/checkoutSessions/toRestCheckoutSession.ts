import type { RestCheckoutSession } from '@lava-checkout/server';
import type { Tables } from '../platform/db/Database.ts';

/**
 * A checkout session in the REST API's `RestCheckoutSession` shape, without the token, which
 * is never stored. Absent fields are left out, as the published
 * SDK's types have them. `customer_id` and `completed_at` appear once the session completed:
 * the customer it created or reused, the id a merchant should trust.
 */
export function toRestCheckoutSession(session: Tables['checkout_sessions']) {
  const rest: Omit<RestCheckoutSession, 'checkout_session_token'> = {
    checkout_session_id: session.id,
    checkout_mode: session.mode,
    origin_url: session.origin_url,
    created_at: session.created_at,
    expires_at: session.expires_at,
  };
  if (session.plan_id !== null) rest.plan_id = session.plan_id;
  if (session.credit_bundle_id !== null) rest.credit_bundle_id = session.credit_bundle_id;
  if (session.status === 'completed' && session.completed_at !== null) {
    if (session.customer_id !== null) rest.customer_id = session.customer_id;
    rest.completed_at = session.completed_at;
  }
  return rest;
}
