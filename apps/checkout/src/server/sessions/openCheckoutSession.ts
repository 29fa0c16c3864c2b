import { type SessionClaims, verifySessionSecret } from '@lava-checkout/protocol';
import type { Db, Tables } from '../db/Database.ts';
import { findSigningKey } from '../merchants/findSigningKey.ts';

export type SessionRow = Tables['checkout_sessions'];
export type PlanRow = Tables['plans'];

/** What a session secret leads to. Only `active` sessions accept changes. */
export type OpenedSession =
  /** Not ours: malformed, unknown key, bad signature, or for a plan this merchant lacks. */
  | { status: 'invalid' }
  | { status: 'expired'; claims: SessionClaims }
  | { status: 'completed'; claims: SessionClaims; session: SessionRow }
  | {
      status: 'active';
      claims: SessionClaims;
      session: SessionRow;
      plan: PlanRow;
      merchant: Tables['merchants'];
    };

/** A session that accepts changes, with its plan and merchant. */
export type ActiveSession = Extract<OpenedSession, { status: 'active' }>;

/**
 * Verifies a session secret (signature, key, 60-minute expiry) and loads its session,
 * recording it on first sight. Single use: a completed session stays completed.
 */
export async function openCheckoutSession(
  db: Db,
  secret: unknown,
  now: Date,
): Promise<OpenedSession> {
  const signer: { merchantId?: string } = {};
  const verified = await verifySessionSecret(secret, {
    findKey: async (kid) => {
      const found = await findSigningKey(db, kid);
      if (found) signer.merchantId = found.merchantId;
      return found?.key ?? null;
    },
    now: now.getTime(),
  });
  if (!verified.ok && verified.reason === 'expired') {
    return { status: 'expired', claims: verified.claims };
  }
  const { merchantId } = signer;
  if (!verified.ok || merchantId === undefined) return { status: 'invalid' };
  const { claims } = verified;

  const merchant = await db
    .selectFrom('merchants')
    .selectAll()
    .where('id', '=', merchantId)
    .executeTakeFirst();
  const plan = claims.plan
    ? await db
        .selectFrom('plans')
        .selectAll()
        .where('id', '=', claims.plan)
        .where('merchant_id', '=', merchantId)
        .executeTakeFirst()
    : undefined;
  if (!merchant || !plan) return { status: 'invalid' };

  await db
    .insertInto('checkout_sessions')
    .values({
      id: claims.sid,
      merchant_id: merchant.id,
      mode: claims.mode,
      origin_url: claims.origin,
      plan_id: plan.id,
      customer_id: claims.customer ?? null,
      status: 'open',
      phone: null,
      code_sends: 0,
      payment_attempts: 0,
      expires_at: new Date(claims.exp * 1000).toISOString(),
      created_at: new Date(claims.iat * 1000).toISOString(),
      completed_at: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const session = await db
    .selectFrom('checkout_sessions')
    .selectAll()
    .where('id', '=', claims.sid)
    .executeTakeFirstOrThrow();
  if (session.merchant_id !== merchant.id) return { status: 'invalid' };
  if (session.status === 'completed') return { status: 'completed', claims, session };
  return { status: 'active', claims, session, plan, merchant };
}
