import type { Kysely, Migration } from 'kysely';

/**
 * The processor's customer a saved card belongs to (Stripe: `cus_...`): renewals charge the
 * card off-session, which Stripe allows only together with its customer.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('payment_methods')
      .addColumn('processor_customer_ref', 'text')
      .execute();
  },
};

export default migration;
