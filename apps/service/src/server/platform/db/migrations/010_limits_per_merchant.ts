import { type Kysely, type Migration, sql } from 'kysely';

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
    await db.schema
      .createTable('sms_sends_by_merchant')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('merchant_id', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into sms_sends_by_merchant (id, session_id, merchant_id, phone, ip, created_at)
      select sms_sends.id, sms_sends.session_id, checkout_sessions.merchant_id, sms_sends.phone,
        sms_sends.ip, sms_sends.created_at
      from sms_sends join checkout_sessions on checkout_sessions.id = sms_sends.session_id`.execute(
      db,
    );
    await db.schema.dropTable('sms_sends').execute();
    await db.schema.alterTable('sms_sends_by_merchant').renameTo('sms_sends').execute();
    // The limits per merchant and the cool-down; the ceiling across merchants; the address.
    await db.schema
      .createIndex('sms_sends_merchant_phone_created')
      .on('sms_sends')
      .columns(['merchant_id', 'phone', 'created_at'])
      .execute();
    await db.schema
      .createIndex('sms_sends_phone_created')
      .on('sms_sends')
      .columns(['phone', 'created_at'])
      .execute();
    await db.schema
      .createIndex('sms_sends_ip_created')
      .on('sms_sends')
      .columns(['ip', 'created_at'])
      .execute();

    // Wrong codes from before have no merchant and count for none: at most an hour of them.
    await db.schema.alterTable('code_failures').addColumn('merchant_id', 'text').execute();
    await db.schema.dropIndex('code_failures_phone_created').execute();
    await db.schema
      .createIndex('code_failures_merchant_phone_created')
      .on('code_failures')
      .columns(['merchant_id', 'phone', 'created_at'])
      .execute();

    await db.schema
      .createTable('phone_locks_by_merchant')
      .addColumn('merchant_id', 'text', (c) => c.notNull())
      .addColumn('phone', 'text', (c) => c.notNull())
      .addColumn('locked_until', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('phone_locks_by_merchant_pkey', ['merchant_id', 'phone'])
      .execute();
    // A lock still running held the phone at every merchant: it goes on doing so until it ends.
    await sql`insert into phone_locks_by_merchant (merchant_id, phone, locked_until)
      select merchants.id, phone_locks.phone, phone_locks.locked_until
      from phone_locks cross join merchants
      where phone_locks.locked_until > ${new Date().toISOString()}`.execute(db);
    await db.schema.dropTable('phone_locks').execute();
    await db.schema.alterTable('phone_locks_by_merchant').renameTo('phone_locks').execute();
  },
};

export default migration;
