import type { Services } from '../Services.ts';
import { readCreditUnits } from './creditUnits.ts';
import { settleReservation } from './settleReservation.ts';

/** Reservations settled per pass at most; the next pass takes the rest. */
const BATCH = 500;

/**
 * Settles reservations left open past their `settle_by` at what they reserved: their call may
 * have reached the provider before its process stopped, and a crash never makes a call free.
 * `all` settles every open reservation, past its bound or not: at the start of the embedded
 * database's only process, no call is in flight. Returns how many it settled.
 */
export async function recoverReservations(
  deps: Pick<Services, 'db' | 'now'>,
  options: { all?: boolean } = {},
): Promise<number> {
  const now = deps.now();
  let query = deps.db
    .selectFrom('credit_reservations')
    .innerJoin('merchants', 'merchants.id', 'credit_reservations.merchant_id')
    .select(['credit_reservations.id', 'credit_reservations.amount', 'merchants.environment'])
    .where('credit_reservations.status', '=', 'open');
  if (!options.all) query = query.where('credit_reservations.settle_by', '<=', now.toISOString());
  const open = await query.orderBy('credit_reservations.settle_by').limit(BATCH).execute();
  let settled = 0;
  for (const reservation of open) {
    const done = await deps.db.transaction().execute((trx) =>
      settleReservation(trx, {
        reservationId: reservation.id,
        environment: reservation.environment,
        actual: readCreditUnits(reservation.amount),
        at: now,
      }),
    );
    if (done) settled += 1;
  }
  return settled;
}
