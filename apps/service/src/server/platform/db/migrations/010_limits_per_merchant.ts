import { type Kysely, type Migration, sql } from 'kysely';
import { rebuildTable } from '../rebuildTable.ts';

/**
 * Limits per phone count per merchant, so one merchant's traffic cannot lock a phone out of
 * another's checkout; a ceiling across merchants still counts every text to a phone. Each
 * text and wrong code records its merchant, and a lock holds for one merchant. A text's
 * address may be `null`: a request no limit per address applies to (loopback in development).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    // SQLite cannot change a column's NOT NULL nor a primary key in place: both tables are
    // made anew and their rows moved over.
    await rebuildTable(
      db,
      'sms_sends',
      (table) =>
        table
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('session_id', 'text', (c) => c.notNull())
          .addColumn('merchant_id', 'text', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .addColumn('ip', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull()),
      {
        as: 'sms_sends_by_merchant',
        select: { merchant_id: sql.ref('checkout_sessions.merchant_id') },
        join: sql`join checkout_sessions on checkout_sessions.id = sms_sends.session_id`,
      },
    );
    // The limits per merchant and the cool-down; the ceiling across merchants and the address
    // keep the indexes they had.
    await db.schema
      .createIndex('sms_sends_merchant_phone_created')
      .on('sms_sends')
      .columns(['merchant_id', 'phone', 'created_at'])
      .execute();

    // Wrong codes from before have no merchant and count for none: at most an hour of them.
    await db.schema.alterTable('code_failures').addColumn('merchant_id', 'text').execute();
    await db.schema.dropIndex('code_failures_phone_created').execute();
    await db.schema
      .createIndex('code_failures_merchant_phone_created')
      .on('code_failures')
      .columns(['merchant_id', 'phone', 'created_at'])
      .execute();

    // A lock still running held the phone at every merchant: it goes on doing so until it ends.
    await rebuildTable(
      db,
      'phone_locks',
      (table) =>
        table
          .addColumn('merchant_id', 'text', (c) => c.notNull())
          .addColumn('phone', 'text', (c) => c.notNull())
          .addColumn('locked_until', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('phone_locks_by_merchant_pkey', ['merchant_id', 'phone']),
      {
        as: 'phone_locks_by_merchant',
        select: { merchant_id: sql.ref('merchants.id') },
        join: sql`cross join merchants`,
        where: sql`phone_locks.locked_until > ${new Date().toISOString()}`,
      },
    );
  },
};

export default migration;
