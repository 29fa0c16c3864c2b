import type { Kysely, Migration } from 'kysely';

/** Where the checkout sends a customer who needs help: the merchant's support address. */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('merchants').addColumn('support_email', 'text').execute();
  },
};

export default migration;
