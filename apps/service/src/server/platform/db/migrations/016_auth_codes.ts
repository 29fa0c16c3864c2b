import type { Kysely, Migration } from 'kysely';
import { columns } from './columns.ts';

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
      .$call(columns.id)
      .addColumn('merchant_id', 'text')
      .$call(columns.required(['poll_hash', 'status']))
      .$call(columns.text(['customer_id', 'meter_id', 'phone', 'code_hash', 'code_expires_at']))
      .$call(columns.counters(['code_attempts', 'code_sends']))
      .addColumn('auth_code', 'text')
      .$call(columns.required(['expires_at', 'created_at']))
      .execute();

    await db.schema
      .createTable('auth_codes')
      .addColumn('code_hash', 'text', (c) => c.primaryKey())
      .$call(columns.merchant)
      .addColumn('purpose', 'text', (c) => c.notNull())
      .$call(columns.text(['customer_id', 'meter_id']))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

export default migration;
