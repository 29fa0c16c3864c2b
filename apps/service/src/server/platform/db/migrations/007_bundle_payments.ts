import type { Kysely, Migration } from 'kysely';
import { addColumns } from './addColumns.ts';
import { PAYMENT_BUNDLE_COLUMNS } from './sharedColumns.ts';

/**
 * Payments for credit bundles: which bundle a payment buys (its recording adds the bundle's
 * credits rather than a subscription), and the processor's customer of a card on file, which a
 * saved card is charged as. Recovery charges again from the row alone, so both live on it.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'payments', PAYMENT_BUNDLE_COLUMNS);
  },
};

export default migration;
