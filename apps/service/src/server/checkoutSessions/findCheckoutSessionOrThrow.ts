import type { Db } from '../platform/db/Database.ts';
import { orNotFound } from '../platform/orNotFound.ts';

/** A checkout session of the merchant that the service has seen, or a 404. */
export async function findCheckoutSessionOrThrow(db: Db, merchantId: string, sessionId: string) {
  return orNotFound(
    await db
      .selectFrom('checkout_sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .where('merchant_id', '=', merchantId)
      .executeTakeFirst(),
    'Lava Checkout: no checkout session with this id in this account. Sessions minted by POST /v1/checkout_sessions are known at once; sessions minted locally (createCheckoutSession) once the customer opens them.',
  );
}
