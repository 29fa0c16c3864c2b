import type { Kysely, Migration } from 'kysely';

/**
 * A renewal charges the plan's price and, as its own part, the usage beyond the credits
 * recorded in the cycle: the part is kept with the payment, so recording the renewal takes
 * exactly what was charged off the customer's `overage_due`, however much more came since.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('payments').addColumn('overage_amount', 'text').execute();
  },
};

export default migration;
