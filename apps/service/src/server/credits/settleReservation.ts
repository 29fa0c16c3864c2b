import { sql } from 'kysely';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { readCreditUnits } from './creditUnits.ts';
import { type Draw, drawCredits } from './drawCredits.ts';

/** Closes an open reservation as `status`, returning what it held; nothing when it was not open. */
export const closeReservation = prepareQuery(
  (db, param: Param<{ id: string; status: 'settled' | 'released' }>) =>
    db
      .updateTable('credit_reservations')
      .set({ status: param('status') })
      .where('id', '=', param('id'))
      .where('status', '=', 'open')
      .returning(['customer_id', 'merchant_id', 'amount', 'request_id']),
);
/** Takes what a closed reservation held off its account's `reserved`. */
export const unreserve = prepareQuery((db, param: Param<{ customer_id: string; amount: bigint }>) =>
  db
    .updateTable('credit_accounts')
    .set({ reserved: sql`reserved - ${param('amount')}` })
    .where('customer_id', '=', param('customer_id')),
);

/**
 * Settles an open reservation at what its call really cost, inside the caller's transaction
 * (which records the call): the hold comes off and `actual` is drawn (`drawCredits`). A call
 * that cost more than it reserved draws the difference too, and what the credits cannot cover
 * becomes overage: that one call's overshoot. Returns `null` when the reservation is no longer
 * open (settled or released already): a call is billed once.
 */
export async function settleReservation(
  trx: Db,
  input: {
    reservationId: string;
    environment: 'test' | 'live';
    actual: bigint;
    /** The request the draw pays for; the reservation's own when not given. */
    requestId?: string;
    at: Date;
  },
): Promise<(Draw & { reserved: bigint }) | null> {
  const [taken] = (await closeReservation(trx, { id: input.reservationId, status: 'settled' }))
    .rows;
  if (!taken) return null;
  const reserved = readCreditUnits(taken.amount);
  // The account's row, locked here on PostgreSQL, is the one the draw would lock first.
  await unreserve(trx, { customer_id: taken.customer_id, amount: reserved });
  const draw = await drawCredits(trx, {
    accountLocked: true,
    merchant: { id: taken.merchant_id, environment: input.environment },
    customerId: taken.customer_id,
    amount: input.actual,
    requestId: input.requestId ?? taken.request_id,
    at: input.at,
  });
  return { ...draw, reserved };
}
