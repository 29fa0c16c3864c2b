import type { Db } from '../platform/db/Database.ts';
import { Money } from '../platform/money/Money.ts';
import type { SpendKeyReservation } from './authorizeSpendKey.ts';

/**
 * Settles a call `authorizeSpendKey` admitted, at what it cost (`"0"` for a call that failed
 * before the provider billed it): its reservation leaves the cycle's spend and the cost comes in
 * (a cycle that ended meanwhile keeps none of it), and the cost adds to the key's total. Written
 * with the same compare-and-set as the admission.
 */
export async function settleSpendKey(
  db: Db,
  reservation: SpendKeyReservation,
  cost: string,
): Promise<void> {
  for (;;) {
    const row = await db
      .selectFrom('spend_keys')
      .select(['version', 'current_spend', 'total_spend', 'spend_cycle_start'])
      .where('id', '=', reservation.spendKeyId)
      .executeTakeFirst();
    if (!row) return;
    const sameCycle = row.spend_cycle_start === reservation.spendCycleStart;
    const current = sameCycle
      ? Money.max(0, new Money(row.current_spend).minus(reservation.amount).plus(cost))
      : new Money(row.current_spend);
    const result = await db
      .updateTable('spend_keys')
      .set({
        current_spend: current.toFixed(),
        total_spend: new Money(row.total_spend).plus(cost).toFixed(),
        version: row.version + 1,
      })
      .where('id', '=', reservation.spendKeyId)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if ((result.numUpdatedRows ?? 0n) > 0n) return;
  }
}
