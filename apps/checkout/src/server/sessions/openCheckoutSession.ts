import type { SessionClaims } from '@lava-checkout/protocol';
import type { Db, Tables } from '../db/Database.ts';
import type { SessionVerifier } from './createSessionVerifier.ts';
import { SESSION_IDLE_MS } from './limits.ts';

export type SessionRow = Tables['checkout_sessions'];
export type PlanRow = Tables['plans'];
export type MerchantRow = Tables['merchants'];

/** What a session secret leads to. Only `active` sessions accept changes. */
export type OpenedSession =
  /** Not ours: malformed, unknown key, bad signature, or for a plan this merchant lacks. */
  | { status: 'invalid' }
  | { status: 'expired'; claims: SessionClaims }
  /** Nothing happened in it for 15 minutes: it is over, like an expired one. */
  | { status: 'idle'; claims: SessionClaims; session: SessionRow }
  | { status: 'completed'; claims: SessionClaims; session: SessionRow }
  | {
      status: 'active';
      claims: SessionClaims;
      session: SessionRow;
      plan: PlanRow;
      merchant: MerchantRow;
    };

/** A session that accepts changes, with its plan and merchant. */
export type ActiveSession = Extract<OpenedSession, { status: 'active' }>;

const prefixed = <P extends string, T>(prefix: P, row: Record<string, unknown>): T => {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (name.startsWith(prefix)) out[name.slice(prefix.length)] = value;
  }
  return out as T;
};

const MERCHANT_COLUMNS = [
  'id',
  'name',
  'environment',
  'created_at',
  'sms_countries',
  'logo_url',
  'terms_url',
  'privacy_url',
] as const satisfies readonly (keyof MerchantRow)[];
const PLAN_COLUMNS = [
  'id',
  'merchant_id',
  'name',
  'period_amount',
  'billing_interval',
  'included_credit',
  'rollover_type',
  'bundle_rollover_type',
  'created_at',
] as const satisfies readonly (keyof PlanRow)[];

/** Merchant and plan of a session, in one query, with their columns prefixed `m_` and `p_`. */
function merchantAndPlan(db: Db) {
  return db
    .selectFrom('merchants')
    .innerJoin('plans', 'plans.merchant_id', 'merchants.id')
    .select(MERCHANT_COLUMNS.map((c) => `merchants.${c} as m_${c}` as const))
    .select(PLAN_COLUMNS.map((c) => `plans.${c} as p_${c}` as const));
}

/**
 * Verifies a session secret (signature, key, 60-minute expiry, 15 minutes idle) and loads its
 * session with its merchant and plan in one query, recording the session on first sight.
 * Single use: a completed session stays completed.
 */
export async function openCheckoutSession(
  deps: { db: Db; verifier: SessionVerifier },
  secret: unknown,
  now: Date,
): Promise<OpenedSession> {
  const verified = await deps.verifier.verify(secret, now);
  if (!verified.ok && verified.reason === 'expired') {
    return { status: 'expired', claims: verified.claims };
  }
  if (!verified.ok) return { status: 'invalid' };
  const { claims, merchantId } = verified;
  if (!claims.plan) return { status: 'invalid' };

  const known = await merchantAndPlan(deps.db)
    .innerJoin('checkout_sessions', 'checkout_sessions.plan_id', 'plans.id')
    .selectAll('checkout_sessions')
    .where('checkout_sessions.id', '=', claims.sid)
    .executeTakeFirst();
  let row: Record<string, unknown>;
  let session: SessionRow;
  if (known) {
    row = known;
    session = Object.fromEntries(
      Object.entries(known).filter(([name]) => !/^[mp]_/.test(name)),
    ) as unknown as SessionRow;
  } else {
    const found = await merchantAndPlan(deps.db)
      .where('plans.id', '=', claims.plan)
      .where('merchants.id', '=', merchantId)
      .executeTakeFirst();
    if (!found) return { status: 'invalid' };
    row = found;
    const at = now.toISOString();
    session = await deps.db
      .insertInto('checkout_sessions')
      .values({
        id: claims.sid,
        merchant_id: merchantId,
        mode: claims.mode,
        origin_url: claims.origin,
        plan_id: claims.plan,
        customer_id: claims.customer ?? null,
        status: 'open',
        phone: null,
        code_sends: 0,
        payment_attempts: 0,
        expires_at: new Date(claims.exp * 1000).toISOString(),
        created_at: new Date(claims.iat * 1000).toISOString(),
        completed_at: null,
        updated_at: at,
      })
      // Two first requests at once: the second gets the row the first made.
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ id: eb.ref('excluded.id') })))
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  const merchant = prefixed<'m_', MerchantRow>('m_', row);
  const plan = prefixed<'p_', PlanRow>('p_', row);
  if (session.merchant_id !== merchantId || plan.merchant_id !== merchantId) {
    return { status: 'invalid' };
  }
  if (session.status === 'completed') return { status: 'completed', claims, session };
  const lastMoved = Date.parse(session.updated_at ?? session.created_at);
  if (session.status !== 'processing' && now.getTime() - lastMoved > SESSION_IDLE_MS) {
    return { status: 'idle', claims, session };
  }
  return { status: 'active', claims, session, plan, merchant };
}
