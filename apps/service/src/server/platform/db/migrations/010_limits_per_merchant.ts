import { type Kysely, type Migration, sql } from 'kysely';
import { rebuildTable } from '../rebuildTable.ts';
import { addColumns } from './addColumns.ts';
import { columns } from './columns.ts';
import { createIndex } from './createIndex.ts';

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
          .$call(columns.id)
          .$call(columns.required(['session_id', 'merchant_id', 'phone']))
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
    await createIndex(db, 'sms_sends_merchant_phone_created', 'sms_sends', [
      'merchant_id',
      'phone',
      'created_at',
    ]);

    // Wrong codes from before have no merchant and count for none: at most an hour of them.
    await addColumns(db, 'code_failures', ['merchant_id']);
    await db.schema.dropIndex('code_failures_phone_created').execute();
    await createIndex(db, 'code_failures_merchant_phone_created', 'code_failures', [
      'merchant_id',
      'phone',
      'created_at',
    ]);

    // A lock still running held the phone at every merchant: it goes on doing so until it ends.
    await rebuildTable(
      db,
      'phone_locks',
      (table) =>
        table
          .$call(columns.required(['merchant_id', 'phone', 'locked_until']))
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
