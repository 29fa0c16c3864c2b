import type { SessionClaims } from '@lava-checkout/protocol';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import { type CheckoutEntry, findCheckoutEntry } from './findCheckoutEntry.ts';
import { resolveSessionCustomer } from './resolveSessionCustomer.ts';

/**
 * What every page API call knows before it touches the session: the signed claims, the key
 * that signed them (`kid`), the plan, and for a credit bundle session, the bundle.
 */
export type CheckoutContext = { claims: SessionClaims; kid: string } & CheckoutEntry;

/**
 * Verifies the session secret of a page API call and finds what it sells, without reading the
 * session: each call then reads or changes the session in the statement that does its work. A
 * customer named by the merchant's reference id comes back as their `con_...` id.
 */
export async function verifyCheckout(
  deps: Pick<Services, 'verifier' | 'catalog' | 'db'>,
  secret: unknown,
  now: Date,
): Promise<CheckoutContext> {
  const verified = await deps.verifier.verify(secret, now);
  if (!verified.ok && verified.reason === 'expired') {
    throw new ServiceError('session_expired', 'This checkout has expired. Start it again.');
  }
  const claims = verified.ok
    ? await resolveSessionCustomer(deps.db, verified.merchantId, verified.claims)
    : null;
  const entry =
    verified.ok && claims ? await findCheckoutEntry(deps, verified.merchantId, claims, now) : null;
  if (!verified.ok || !claims || !entry) {
    throw new ServiceError('session_invalid', 'This checkout link is not valid.');
  }
  return { claims, kid: verified.kid, ...entry };
}
