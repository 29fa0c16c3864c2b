import { sql } from 'kysely';
import { createId } from '../platform/createId.ts';
import type { Db } from '../platform/db/Database.ts';
import { readCreditUnits } from './creditUnits.ts';

export type Reserved =
  | { ok: true; reservationId: string; amount: bigint }
  /** What the customer had free (available less reserved) when the reservation was refused. */
  | { ok: false; free: bigint };

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
    const held = await trx
      .updateTable('credit_accounts')
      .set({ reserved: sql`reserved + ${amount}` })
      .where('customer_id', '=', input.customerId)
      .where(sql<boolean>`available - reserved >= ${amount}`)
      .executeTakeFirst();
    if (held.numUpdatedRows === 0n) {
      const account = await trx
        .selectFrom('credit_accounts')
        .select(['available', 'reserved'])
        .where('customer_id', '=', input.customerId)
        .executeTakeFirst();
      const free = account
        ? readCreditUnits(account.available) - readCreditUnits(account.reserved)
        : 0n;
      return { ok: false, free: free > 0n ? free : 0n };
    }
    const reservationId = createId('crv', input.merchant.environment);
    await trx
      .insertInto('credit_reservations')
      .values({
        id: reservationId,
        merchant_id: input.merchant.id,
        customer_id: input.customerId,
        amount,
        status: 'open',
        request_id: input.requestId,
        created_at: input.at.toISOString(),
        settle_by: input.settleBy.toISOString(),
      })
      .execute();
    return { ok: true, reservationId, amount };
  });
}
