import { sql } from 'kysely';
import type { Db } from '../platform/db/Database.ts';
import { readCreditUnits } from './creditUnits.ts';

/**
 * Gives back what an open reservation holds, drawing nothing: for a call that never reached
 * the provider. Returns whether it was open (a settled one stays settled).
 */
export async function releaseReservation(db: Db, reservationId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .updateTable('credit_reservations')
      .set({ status: 'released' })
      .where('id', '=', reservationId)
      .where('status', '=', 'open')
      .returning(['customer_id', 'amount'])
      .executeTakeFirst();
    if (!taken) return false;
    await trx
      .updateTable('credit_accounts')
      .set({ reserved: sql`reserved - ${readCreditUnits(taken.amount)}` })
      .where('customer_id', '=', taken.customer_id)
      .execute();
    return true;
  });
}
