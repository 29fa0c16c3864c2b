import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import { readCreditUnits } from './creditUnits.ts';

export type Reserved =
  | { ok: true; reservationId: string; amount: bigint }
  /** What the customer had free (available less reserved) when the reservation was refused. */
  | { ok: false; free: bigint };

const hold = prepareQuery((db, param: Param<{ customer_id: string; amount: bigint }>) =>
  db
    .updateTable('credit_accounts')
    .set({ reserved: sql`reserved + ${param('amount')}` })
    .where('customer_id', '=', param('customer_id'))
    .where(sql<boolean>`available - reserved >= ${param('amount')}`),
);
const findAccount = prepareQuery((db, param: Param<{ customer_id: string }>) =>
  db
    .selectFrom('credit_accounts')
    .select(['available', 'reserved'])
    .where('customer_id', '=', param('customer_id')),
);
type ReservationRow = {
  id: string;
  merchant_id: string;
  customer_id: string;
  amount: bigint;
  request_id: string;
  created_at: string;
  settle_by: string;
};
const insertReservation = prepareQuery((db, param: Param<ReservationRow>) =>
  db.insertInto('credit_reservations').values({
    id: param('id'),
    merchant_id: param('merchant_id'),
    customer_id: param('customer_id'),
    amount: param('amount'),
    status: 'open',
    request_id: param('request_id'),
    created_at: param('created_at'),
    settle_by: param('settle_by'),
  }),
);

/**
 * Holds `amount` of a customer's credits for a call in flight, or refuses when the credits free
 * (available less what open reservations hold) cannot cover it. One conditional update: however
 * many calls reserve at once, in one process or many, the reservations never exceed the credits.
 * Settle it (`settleReservation`) or release it (`releaseReservation`); past `settleBy`,
 * recovery settles it at its amount.
 */
export async function reserveCredits(
  db: Db,
  input: {
    merchant: { id: string; environment: 'test' | 'live' };
    customerId: string;
    amount: bigint;
    requestId: string;
    at: Date;
    settleBy: Date;
  },
): Promise<Reserved> {
  const { amount } = input;
  return db.transaction().execute(async (trx) => {
    const held = await hold(trx, { customer_id: input.customerId, amount });
    if (held.numAffectedRows === 0n) {
      const [account] = (await findAccount(trx, { customer_id: input.customerId })).rows;
      const free = account
        ? readCreditUnits(account.available) - readCreditUnits(account.reserved)
        : 0n;
      return { ok: false, free: free > 0n ? free : 0n };
    }
    const reservationId = createId('crv', input.merchant.environment);
    await insertReservation(trx, {
      id: reservationId,
      merchant_id: input.merchant.id,
      customer_id: input.customerId,
      amount,
      request_id: input.requestId,
      created_at: input.at.toISOString(),
      settle_by: input.settleBy.toISOString(),
    });
    return { ok: true, reservationId, amount };
  });
}
