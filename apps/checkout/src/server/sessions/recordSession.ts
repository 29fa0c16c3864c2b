import type { SessionClaims } from '@lava-checkout/protocol';
import type { Db, Tables } from '../db/Database.ts';
import { type Param, prepareQuery } from '../db/prepareQuery.ts';

type SessionRow = Tables['checkout_sessions'];
/** What a first sight of a session writes. */
type NewSession = SessionRow;

const insertSession = prepareQuery((db, param: Param<NewSession>) =>
  db
    .insertInto('checkout_sessions')
    .values({
      id: param('id'),
      merchant_id: param('merchant_id'),
      mode: param('mode'),
      origin_url: param('origin_url'),
      plan_id: param('plan_id'),
      customer_id: param('customer_id'),
      credit_bundle_id: param('credit_bundle_id'),
      status: param('status'),
      phone: param('phone'),
      code_sends: param('code_sends'),
      payment_attempts: param('payment_attempts'),
      expires_at: param('expires_at'),
      created_at: param('created_at'),
      completed_at: param('completed_at'),
      updated_at: param('updated_at'),
      code_hash: param('code_hash'),
      code_expires_at: param('code_expires_at'),
      code_sent_at: param('code_sent_at'),
      code_attempts: param('code_attempts'),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll(),
);

/**
 * Records a session the first time it is seen (sessions are minted without us), from its
 * signed claims. Returns the new row, or `undefined` when it was recorded before.
 */
export async function recordSession(
  db: Db,
  claims: SessionClaims,
  merchantId: string,
  now: Date,
): Promise<SessionRow | undefined> {
  const { rows } = await insertSession(db, {
    id: claims.sid,
    merchant_id: merchantId,
    mode: claims.mode,
    origin_url: claims.origin,
    plan_id: claims.plan ?? null,
    customer_id: claims.customer ?? null,
    credit_bundle_id: claims.bundle ?? null,
    status: 'open',
    phone: null,
    code_sends: 0,
    payment_attempts: 0,
    expires_at: new Date(claims.exp * 1000).toISOString(),
    created_at: new Date(claims.iat * 1000).toISOString(),
    completed_at: null,
    updated_at: now.toISOString(),
    code_hash: null,
    code_expires_at: null,
    code_sent_at: null,
    code_attempts: 0,
  });
  return rows[0];
}
