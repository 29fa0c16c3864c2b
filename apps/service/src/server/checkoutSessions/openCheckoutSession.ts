import type { SessionClaims } from '@lava-checkout/protocol';
import type { Tables } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import { type CheckoutEntry, findCheckoutEntry } from './findCheckoutEntry.ts';
import { recordSession } from './recordSession.ts';
import { resolveSessionCustomer } from './resolveSessionCustomer.ts';
import { sessionEnding } from './sessionEnding.ts';

export type SessionRow = Tables['checkout_sessions'];

/** What a session secret leads to, for the page. Only `active` sessions accept changes. */
export type OpenedSession =
  /** Not ours: malformed, unknown key, bad signature, or for a plan or bundle this merchant lacks. */
  | { status: 'invalid' }
  | { status: 'expired'; claims: SessionClaims; merchantId: string }
  /** Nothing happened in it for 15 minutes: it is over, like an expired one. */
  | { status: 'idle'; claims: SessionClaims; session: SessionRow; merchantId: string }
  | { status: 'completed'; claims: SessionClaims; session: SessionRow; merchantId: string }
  | ({ status: 'active'; claims: SessionClaims; session: SessionRow } & CheckoutEntry);

/**
 * Verifies a session secret (signature, key, 60-minute expiry) for the page and loads its
 * session, recording it on first sight: one statement for a first opening, which is the
 * common case, two for a reload. A session first seen after its key was retired is not valid.
 * Single use: a completed session stays completed.
 */
export async function openCheckoutSession(
  deps: Pick<Services, 'db' | 'verifier' | 'catalog'>,
  secret: unknown,
  now: Date,
): Promise<OpenedSession> {
  const verified = await deps.verifier.verify(secret, now);
  if (!verified.ok && verified.reason === 'expired') {
    return { status: 'expired', claims: verified.claims, merchantId: verified.merchantId };
  }
  if (!verified.ok) return { status: 'invalid' };
  const { merchantId, kid } = verified;
  const claims = await resolveSessionCustomer(deps.db, merchantId, verified.claims);
  const entry = await findCheckoutEntry(deps, merchantId, claims, now);
  if (!entry) return { status: 'invalid' };

  // Not recorded now: seen before, or signed by a key retired by now (then it is not ours).
  const session =
    (await recordSession(deps.db, claims, { merchantId, kid }, now)) ??
    (await deps.db
      .selectFrom('checkout_sessions')
      .selectAll()
      .where('id', '=', claims.sid)
      .executeTakeFirst());
  if (!session || session.merchant_id !== merchantId) return { status: 'invalid' };
  const ending = sessionEnding(session, now);
  if (ending) return { status: ending, claims, session, merchantId };
  return { status: 'active', claims, session, ...entry };
}
