import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';
import { createId } from '../../createId.ts';
import { rebuildTable } from '../rebuildTable.ts';
import { addColumns } from './addColumns.ts';
import { columns } from './columns.ts';
import { dropNotNull } from './dropNotNull.ts';
import { subscriptionCycle } from './sharedColumns.ts';

/**
 * The Free plan: every merchant gets a $0 plan (`is_free`), made here for the merchants there
 * are, and subscriptions that come without a checkout (`POST /v1/subscriptions` to a $0 plan, or
 * the fall back to it after failed renewals) have neither a checkout session nor a card:
 * `checkout_session_id` and `payment_method_id` become nullable.
 *
 * PostgreSQL changes the table in place. SQLite cannot drop a NOT NULL: the table is made again
 * with its indexes (see `rebuildTable`).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'plans', ['is_free'], 'integer', (c) => c.notNull().defaultTo(0));

    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      await dropNotNull(db, 'subscriptions', ['checkout_session_id', 'payment_method_id']);
    } else {
      await rebuildTable(db, 'subscriptions', (table) =>
        table
          .$call(columns.id)
          .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
          .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
          .addColumn('checkout_session_id', 'text', (c) =>
            c.unique().references('checkout_sessions.id'),
          )
          .addColumn('payment_method_id', 'text', (c) => c.references('payment_methods.id'))
          .$call(subscriptionCycle)
          .addColumn('auto_top_up_bundle_id', 'text'),
      );
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
