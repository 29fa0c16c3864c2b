import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';
import { rebuildTable } from '../rebuildTable.ts';
import { addColumns } from './addColumns.ts';
import { columns } from './columns.ts';
import { createIndex } from './createIndex.ts';
import { dropNotNull } from './dropNotNull.ts';
import { PAYMENT_BUNDLE_COLUMNS, PAYMENT_CLAIM_COLUMNS, paymentCharge } from './sharedColumns.ts';

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
 * table: the table is made again with its indexes (see `rebuildTable`).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    const kindOwner = sql`(kind in ('plan', 'bundle') and session_id is not null and subscription_id is null)
      or (kind in ('renewal', 'top_up') and subscription_id is not null and session_id is null)`;
    // What the payments made before were: a bundle's when they name one, else a plan's.
    const kindOfPayment = sql`case when credit_bundle_id is null then 'plan' else 'bundle' end`;
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      await dropNotNull(db, 'payments', ['session_id']);
      await addColumns(db, 'payments', ['kind']);
      await sql`update payments set kind = ${kindOfPayment}`.execute(db);
      await db.schema
        .alterTable('payments')
        .alterColumn('kind', (column) => column.setNotNull())
        .execute();
      await addColumns(db, 'payments', ['subscription_id'], 'text', (c) =>
        c.references('subscriptions.id'),
      );
      await db.schema
        .alterTable('payments')
        .addCheckConstraint('payments_kind_owner', kindOwner)
        .execute();
    } else {
      await rebuildTable(
        db,
        'payments',
        (table) =>
          table
            .$call(columns.id)
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('session_id', 'text', (c) => c.references('checkout_sessions.id'))
            .addColumn('subscription_id', 'text', (c) => c.references('subscriptions.id'))
            .$call(paymentCharge)
            .$call(columns.text(PAYMENT_CLAIM_COLUMNS))
            .$call(columns.text(PAYMENT_BUNDLE_COLUMNS))
            .addCheckConstraint('payments_kind_owner', kindOwner),
        { select: { kind: kindOfPayment } },
      );
    }
    // The claim on an off-session payment: one in flight per subscription, whatever its kind.
    await createIndex(
      db,
      'payments_one_in_flight_per_subscription',
      'payments',
      ['subscription_id'],
      (index) => index.unique().where(sql.ref('status'), 'in', IN_FLIGHT),
    );
  },
};

export default migration;
