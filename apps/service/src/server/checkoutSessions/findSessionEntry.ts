import type { SessionClaims } from '@lava-checkout/protocol';
import type { Services } from '../Services.ts';
import { type CheckoutEntry, findCheckoutEntry } from './findCheckoutEntry.ts';
import { resolveSessionCustomer } from './resolveSessionCustomer.ts';

/** What a session secret leads to, before its session is read. */
export type SessionEntry =
  /** Not ours: malformed, unknown key, bad signature, or for a plan or bundle this merchant lacks. */
  | { status: 'invalid' }
  | { status: 'expired'; claims: SessionClaims; merchantId: string }
  | {
      status: 'valid';
      claims: SessionClaims;
      merchantId: string;
      kid: string;
      entry: CheckoutEntry;
    };

/**
 * The steps every use of a session secret starts with: it is verified (signature, key, 60-minute
 * expiry), its customer resolved (`resolveSessionCustomer`: a merchant's reference id becomes the
 * customer's `con_...` id) and what it sells found (`findCheckoutEntry`).
 */
export async function findSessionEntry(
  deps: Pick<Services, 'db' | 'verifier' | 'catalog'>,
  secret: unknown,
  now: Date,
): Promise<SessionEntry> {
  const verified = await deps.verifier.verify(secret, now);
  if (!verified.ok) {
    return verified.reason === 'expired'
      ? { status: 'expired', claims: verified.claims, merchantId: verified.merchantId }
      : { status: 'invalid' };
  }
  const { merchantId, kid } = verified;
  const claims = await resolveSessionCustomer(deps.db, merchantId, verified.claims);
  const entry = await findCheckoutEntry(deps, merchantId, claims, now);
  return entry ? { status: 'valid', claims, merchantId, kid, entry } : { status: 'invalid' };
}
