import type { Kysely, RawBuilder } from 'kysely';
import { expect } from 'vitest';
import { insertOldPayment } from './insertOldPayment.ts';

type PaymentColumns = Record<string, string | null>;

/**
 * Expects the database to refuse each of the payments, one at a time, with an error that
 * matches `error` (a check or a unique index holding after a migration). Each is tried as
 * `pay_x`, written by `insert` (`insertOldPayment` unless the test has its own defaults).
 */
export async function expectPaymentsRefused(
  db: Kysely<unknown>,
  error: RegExp,
  payments: PaymentColumns[],
  insert: (id: string, columns: PaymentColumns) => RawBuilder<unknown> = insertOldPayment,
): Promise<void> {
  for (const columns of payments) {
    await expect(insert('pay_x', columns).execute(db)).rejects.toThrow(error);
  }
}
