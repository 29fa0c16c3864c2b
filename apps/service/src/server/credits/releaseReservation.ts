import type { Db } from '../platform/db/Database.ts';
import { readCreditUnits } from './creditUnits.ts';
import { closeReservation, unreserve } from './settleReservation.ts';

/**
 * Gives back what an open reservation holds, drawing nothing: for a call that never reached
 * the provider. Returns whether it was open (a settled one stays settled).
 */
export async function releaseReservation(db: Db, reservationId: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const [taken] = (await closeReservation(trx, { id: reservationId, status: 'released' })).rows;
    if (!taken) return false;
    await unreserve(trx, { customer_id: taken.customer_id, amount: readCreditUnits(taken.amount) });
    return true;
  });
}
