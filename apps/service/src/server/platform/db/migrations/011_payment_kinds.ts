import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';

/** The statuses a payment is in flight in: the claim on a purchase holds while it is in one. */
const IN_FLIGHT = ['pending', 'requires_action'];

/**
 * Payments of every kind, and not only checkouts': each payment says what it buys (`kind`) and
 * belongs either to a checkout session (`plan`, `bundle`: the customer is there, paying) or to a
 * subscription (`renewal`, `top_up`: charged off-session with the saved card, no checkout).
 * `session_id` becomes nullable, `subscription_id` is added, and a check keeps each kind with
 * its owner. Existing payments are a plan's, or a bundle's when they name one. Off-session
 * payments are claimed as checkouts are: one in flight per subscription.
 *
 * PostgreSQL changes the table in place. SQLite cannot drop a NOT NULL or add a check to a
 * table: the table is made again, copied and swapped in with its indexes, which needs foreign
 * keys off while it runs (`openDatabase` migrates with them off, then checks every foreign key).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const kindOwner = sql`(kind in ('plan', 'bundle') and session_id is not null and subscription_id is null)
      or (kind in ('renewal', 'top_up') and subscription_id is not null and session_id is null)`;
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      await db.schema
        .alterTable('payments')
        .alterColumn('session_id', (column) => column.dropNotNull())
        .execute();
      await db.schema.alterTable('payments').addColumn('kind', 'text').execute();
      await sql`update payments
        set kind = case when credit_bundle_id is null then 'plan' else 'bundle' end`.execute(db);
      await db.schema
        .alterTable('payments')
        .alterColumn('kind', (column) => column.setNotNull())
        .execute();
      await db.schema
        .alterTable('payments')
        .addColumn('subscription_id', 'text', (c) => c.references('subscriptions.id'))
        .execute();
      await db.schema
        .alterTable('payments')
        .addCheckConstraint('payments_kind_owner', kindOwner)
        .execute();
    } else {
      const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      if (rows[0]?.foreign_keys !== 0) {
        throw new Error(
          'Lava Checkout: making the payments table again needs foreign keys off. Migrate through openDatabase, which turns them off.',
        );
      }
      await db.schema
        .createTable('payments_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('session_id', 'text', (c) => c.references('checkout_sessions.id'))
        .addColumn('subscription_id', 'text', (c) => c.references('subscriptions.id'))
        .addColumn('amount', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('failure_code', 'text')
        .addColumn('processor_ref', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('merchant_id', 'text')
        .addColumn('plan_id', 'text')
        .addColumn('phone', 'text')
        .addColumn('ip', 'text')
        .addColumn('idempotency_key', 'text')
        .addColumn('payment_method_ref', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('credit_bundle_id', 'text')
        .addColumn('processor_customer_ref', 'text')
        .addCheckConstraint('payments_kind_owner', kindOwner)
        .execute();
      await sql`
        insert into payments_new
          (id, kind, session_id, subscription_id, amount, currency, status, failure_code,
           processor_ref, created_at, merchant_id, plan_id, phone, ip, idempotency_key,
           payment_method_ref, locked_until, credit_bundle_id, processor_customer_ref)
        select id, case when credit_bundle_id is null then 'plan' else 'bundle' end, session_id,
          null, amount, currency, status, failure_code, processor_ref, created_at, merchant_id,
          plan_id, phone, ip, idempotency_key, payment_method_ref, locked_until,
          credit_bundle_id, processor_customer_ref
        from payments
      `.execute(db);
      // Its indexes go with it, and are made again below under the same names.
      await db.schema.dropTable('payments').execute();
      await db.schema.alterTable('payments_new').renameTo('payments').execute();
      await db.schema
        .createIndex('payments_idempotency_key')
        .unique()
        .on('payments')
        .column('idempotency_key')
        .execute();
      await db.schema
        .createIndex('payments_one_in_flight_per_purchase')
        .unique()
        .on('payments')
        .columns(['merchant_id', 'phone', 'plan_id'])
        .where(sql.ref('status'), 'in', IN_FLIGHT)
        .execute();
      await db.schema
        .createIndex('payments_phone_created')
        .on('payments')
        .columns(['phone', 'created_at'])
        .execute();
      await db.schema
        .createIndex('payments_ip_created')
        .on('payments')
        .columns(['ip', 'created_at'])
        .execute();
      await db.schema.createIndex('payments_status').on('payments').column('status').execute();
    }
    // The claim on an off-session payment: one in flight per subscription, whatever its kind.
    await db.schema
      .createIndex('payments_one_in_flight_per_subscription')
      .unique()
      .on('payments')
      .column('subscription_id')
      .where(sql.ref('status'), 'in', IN_FLIGHT)
      .execute();
  },
};

export default migration;
