import type { SessionClaims } from '@lava-checkout/protocol';
import type { Tables } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import type { CheckoutEntry } from './findCheckoutEntry.ts';
import { findSessionEntry, type SessionEntry } from './findSessionEntry.ts';
import { recordSession } from './recordSession.ts';
import { sessionEnding } from './sessionEnding.ts';

export type SessionRow = Tables['checkout_sessions'];

/** What a session secret leads to, for the page. Only `active` sessions accept changes. */
export type OpenedSession =
  | Exclude<SessionEntry, { status: 'valid' }>
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
  const found = await findSessionEntry(deps, secret, now);
  if (found.status !== 'valid') return found;
  const { claims, merchantId, kid, entry } = found;

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
