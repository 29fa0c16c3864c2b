import type { Db } from '../platform/db/Database.ts';
import { createAuthCode } from './createAuthCode.ts';

/**
 * Ends a pending sign-in: a one-time code for a spend key of the signed-in scope is made and
 * held on the sign-in until the agent collects it. Conditional on the sign-in still pending, so
 * one sign-in never gives two codes.
 */
export async function completeSignIn(
  db: Db,
  signInId: string,
  scope: { merchantId: string; customerId: string | null; meterId: string | null },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const code = await createAuthCode(
      trx,
      {
        merchant_id: scope.merchantId,
        purpose: 'spend_key',
        customer_id: scope.customerId,
        meter_id: scope.meterId,
      },
      now,
    );
    const done = await trx
      .updateTable('sign_ins')
      .set({
        status: 'signed_in',
        merchant_id: scope.merchantId,
        customer_id: scope.customerId,
        meter_id: scope.meterId,
        auth_code: code,
        code_hash: null,
      })
      .where('id', '=', signInId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if ((done.numUpdatedRows ?? 0n) === 0n) throw new Error('Lava Checkout: signed in already.');
  });
}
