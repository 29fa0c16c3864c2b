import type { SessionClaims } from '@lava-checkout/protocol';
import type { Db, Tables } from '../db/Database.ts';

/**
 * Records a session the first time it is seen (sessions are minted without us), from its
 * signed claims. Returns the new row, or `undefined` when it was recorded before.
 */
export async function recordSession(
  db: Db,
  claims: SessionClaims,
  merchantId: string,
  now: Date,
): Promise<Tables['checkout_sessions'] | undefined> {
  return db
    .insertInto('checkout_sessions')
    .values({
      id: claims.sid,
      merchant_id: merchantId,
      mode: claims.mode,
      origin_url: claims.origin,
      plan_id: claims.plan ?? null,
      customer_id: claims.customer ?? null,
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
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
}
