import type { Db } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

const markSucceeded = prepareQuery((db, param: Param<{ id: string; processor_ref: string }>) =>
  db
    .updateTable('payments')
    .set({ status: 'succeeded', processor_ref: param('processor_ref'), locked_until: null })
    .where('id', '=', param('id'))
    .where('status', 'in', ['pending', 'requires_action']),
);

/**
 * The one rule for recording a succeeded charge, whatever it bought: the first statement of
 * the recording's transaction moves the payment out of flight, and only the transaction that
 * moved it records what was bought. `false`: another recording (the request that charged, or
 * recovery, which may meet it after a lease ran out) did it first, and this one must only read
 * what that one recorded. On PostgreSQL the second waits on the row until the first commits.
 */
export async function markPaymentSucceeded(
  trx: Db,
  payment: { id: string },
  chargeRef: string,
): Promise<boolean> {
  const { numAffectedRows } = await markSucceeded(trx, {
    id: payment.id,
    processor_ref: chargeRef,
  });
  return numAffectedRows === 1n;
}
