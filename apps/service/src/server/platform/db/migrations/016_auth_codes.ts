import type { Kysely, Migration } from 'kysely';

/**
 * Browser sign-ins and the one-time codes they end with. A sign-in is started by an agent (the
 * MCP `login` tool); a person finishes it on a page of the service, as the merchant (its secret
 * key) or as a customer (a texted code, under the checkout's limits). The agent then exchanges
 * the one-time code for a key. Codes and polling secrets are stored only as SHA-256.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('sign_ins')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text')
      .addColumn('poll_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text')
      .addColumn('meter_id', 'text')
      .addColumn('phone', 'text')
      .addColumn('code_hash', 'text')
      .addColumn('code_expires_at', 'text')
      .addColumn('code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('code_sends', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('auth_code', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('auth_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull().references('merchants.id'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text')
      .addColumn('meter_id', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

export default migration;
