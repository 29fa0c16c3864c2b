import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';
import { createId } from '../../createId.ts';

/**
 * The Free plan: every merchant gets a $0 plan (`is_free`), made here for the merchants there
 * are, and subscriptions that come without a checkout (`POST /v1/subscriptions` to a $0 plan, or
 * the fall back to it after failed renewals) have neither a checkout session nor a card:
 * `checkout_session_id` and `payment_method_id` become nullable.
 *
 * PostgreSQL changes the table in place. SQLite cannot drop a NOT NULL: the table is made again,
 * copied and swapped in with its indexes, with foreign keys off (as `openDatabase` migrates).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('plans')
      .addColumn('is_free', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      for (const column of ['checkout_session_id', 'payment_method_id']) {
        await db.schema
          .alterTable('subscriptions')
          .alterColumn(column, (c) => c.dropNotNull())
          .execute();
      }
    } else {
      const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      if (rows[0]?.foreign_keys !== 0) {
        throw new Error(
          'Lava Checkout: making the subscriptions table again needs foreign keys off. Migrate through openDatabase, which turns them off.',
        );
      }
      await db.schema
        .createTable('subscriptions_new')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
        .addColumn('checkout_session_id', 'text', (c) =>
          c.unique().references('checkout_sessions.id'),
        )
        .addColumn('payment_method_id', 'text', (c) => c.references('payment_methods.id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('cycle_start_at', 'text', (c) => c.notNull())
        .addColumn('cycle_end_at', 'text', (c) => c.notNull())
        .addColumn('cancelled_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('auto_top_up_bundle_id', 'text')
        .execute();
      await sql`
        insert into subscriptions_new
          (id, customer_id, plan_id, checkout_session_id, payment_method_id, status, started_at,
           cycle_start_at, cycle_end_at, cancelled_at, created_at, auto_top_up_bundle_id)
        select id, customer_id, plan_id, checkout_session_id, payment_method_id, status,
          started_at, cycle_start_at, cycle_end_at, cancelled_at, created_at, auto_top_up_bundle_id
        from subscriptions
      `.execute(db);
      await db.schema.dropTable('subscriptions').execute();
      await db.schema.alterTable('subscriptions_new').renameTo('subscriptions').execute();
      await db.schema
        .createIndex('subscriptions_customer')
        .on('subscriptions')
        .column('customer_id')
        .execute();
      await db.schema
        .createIndex('subscriptions_one_active_per_plan')
        .unique()
        .on('subscriptions')
        .columns(['customer_id', 'plan_id'])
        .where(sql.ref('status'), '=', 'active')
        .execute();
      await db.schema
        .createIndex('subscriptions_plan')
        .on('subscriptions')
        .columns(['plan_id', 'status'])
        .execute();
    }

    const merchants = await sql<{
      id: string;
      environment: 'test' | 'live';
    }>`select id, environment from merchants`.execute(db);
    const at = new Date().toISOString();
    for (const merchant of merchants.rows) {
      await sql`insert into plans (id, merchant_id, name, period_amount, billing_interval,
          included_credit, rollover_type, bundle_rollover_type, is_free, created_at)
        values (${createId('sc', merchant.environment)}, ${merchant.id}, 'Free', '0.00', 'month',
          '0.00', 'none', 'none', 1, ${at})`.execute(db);
    }
  },
};

export default migration;
