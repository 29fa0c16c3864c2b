import type { SessionClaims } from '@lava-checkout/protocol';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import type { CheckoutEntry } from './findCheckoutEntry.ts';
import { findSessionEntry } from './findSessionEntry.ts';

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
  const found = await findSessionEntry(deps, secret, now);
  if (found.status === 'expired') {
    throw new ServiceError('session_expired', 'This checkout has expired. Start it again.');
  }
  if (found.status === 'invalid') {
    throw new ServiceError('session_invalid', 'This checkout link is not valid.');
  }
  return { claims: found.claims, kid: found.kid, ...found.entry };
}
