import type { CustomerSessionClaims } from '@lava-checkout/protocol';
import type { Db, Tables } from '../platform/db/Database.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { CustomerSessionVerifier } from './createCustomerSessionVerifier.ts';

/** Whose account a request may read: the merchant, the customer, and the session's claims. */
export interface CustomerSessionContext {
  merchantId: string;
  customer: Tables['customers'];
  claims: CustomerSessionClaims;
}

const invalid = () =>
  new ServiceError(
    'customer_session_invalid',
    'Lava Checkout: this customer session token is not valid. Pass the customer_session_token your server minted with createCustomerSession() or POST /v1/customer_sessions, unchanged.',
  );

/**
 * Checks a customer session for one request: the secret (signature, a current key, its hour),
 * the request's `Origin` (exactly the session's), and that the customer is one of the signing
 * merchant's, not deleted. A reference id in the session comes back as the customer's row.
 */
export async function verifyCustomerSession(
  deps: { db: Db; verifier: CustomerSessionVerifier },
  secret: string | undefined,
  origin: string | undefined,
  now: Date,
  /**
   * The call comes from the service's own account page (same origin), framed by the session's
   * origin: there is no merchant `Origin` to check. @default false
   */
  ownPage = false,
): Promise<CustomerSessionContext> {
  const verified = await deps.verifier.verify(secret, now);
  if (!verified.ok && verified.reason === 'expired') {
    throw new ServiceError(
      'customer_session_expired',
      'Lava Checkout: this customer session has expired (they last 60 minutes). Mint a new one on your server for the signed-in customer.',
    );
  }
  // A customer session is never served from a retired key, even within its grace.
  if (
    !verified.ok ||
    (verified.key.revokedAt !== null && verified.key.revokedAt <= now.toISOString())
  ) {
    throw invalid();
  }
  if (!ownPage && origin !== verified.claims.origin) {
    throw new ServiceError(
      'origin_not_allowed',
      `Lava Checkout: this customer session was minted for ${verified.claims.origin}, and this request comes from ${origin ?? 'no origin'}. Mint it with the origin_url of the page that uses it.`,
    );
  }
  const { sub } = verified.claims;
  const customer = await deps.db
    .selectFrom('customers')
    .selectAll()
    .where('merchant_id', '=', verified.merchantId)
    .where('deleted_at', 'is', null)
    .where((eb) => (sub.startsWith('con_') ? eb('id', '=', sub) : eb('reference_id', '=', sub)))
    .executeTakeFirst();
  if (!customer) throw invalid();
  return { merchantId: verified.merchantId, customer, claims: verified.claims };
}
