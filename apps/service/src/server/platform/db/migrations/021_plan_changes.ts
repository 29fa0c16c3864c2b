import { type Kysely, type Migration, SqliteAdapter, sql } from 'kysely';
import { addColumns } from './addColumns.ts';

/** Each payment kind with what it belongs to; `upgrade` is new here. */
const KIND_OWNER = `(kind in ('plan', 'bundle') and session_id is not null and subscription_id is null)
      or (kind in ('renewal', 'top_up') and subscription_id is not null and session_id is null)
      or (kind = 'upgrade' and subscription_id is not null)`;

/**
 * Plan changes. A subscription keeps the change due at the end of its cycle
 * (`pending_change`: `downgrade` to `pending_plan_id`, or `cancellation`), and a payment of kind
 * `upgrade` charges the move to a more expensive plan at once: it belongs to the subscription it
 * changes and, when the customer chose the plan in a checkout, to that checkout session too.
 *
 * PostgreSQL swaps the payments check in place. SQLite cannot change a table's check: the table
 * is made again from its own stored definition (so columns other migrations added stay), with
 * the check replaced, copied, and swapped in with its indexes, foreign keys off (as
 * `openDatabase` migrates).
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await addColumns(db, 'subscriptions', ['pending_change']);
    await addColumns(db, 'subscriptions', ['pending_plan_id'], 'text', (c) =>
      c.references('plans.id'),
    );
    // What each renewal pass looks for first: the few changes whose cycle ended.
    await db.schema
      .createIndex('subscriptions_pending_change')
      .on('subscriptions')
      .column('cycle_end_at')
      .where(sql.ref('pending_change'), 'is not', null)
      .execute();

    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
      await sql`alter table payments drop constraint payments_kind_owner`.execute(db);
      await sql`alter table payments add constraint payments_kind_owner check (${sql.raw(KIND_OWNER)})`.execute(
        db,
      );
      return;
    }
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
    if (rows[0]?.foreign_keys !== 0) {
      throw new Error(
        'Lava Checkout: making the payments table again needs foreign keys off. Migrate through openDatabase, which turns them off.',
      );
    }
    const schema = await sql<{ type: string; name: string; sql: string | null }>`
      select type, name, sql from sqlite_master where tbl_name = 'payments'`.execute(db);
    const table = schema.rows.find((row) => row.type === 'table')?.sql ?? '';
    const check = /constraint\s+"?payments_kind_owner"?\s+check\s*\(/i.exec(table);
    if (!check) {
      throw new Error(
        'Lava Checkout: the payments table has no payments_kind_owner check to replace. Run the migrations in order from 011_payment_kinds.',
      );
    }
    // The check's parentheses, balanced, from its opening one.
    let depth = 0;
    let end = check.index + check[0].length - 1;
    for (; end < table.length; end += 1) {
      if (table[end] === '(') depth += 1;
      if (table[end] === ')') depth -= 1;
      if (depth === 0) break;
    }
    const created =
      `${table.slice(0, check.index)}constraint "payments_kind_owner" check (${KIND_OWNER})${table.slice(end + 1)}`.replace(
        /^create table\s+"?payments"?/i,
        'create table "payments_new"',
      );
    const indexes = schema.rows.filter((row) => row.type === 'index' && row.sql !== null);
    await sql.raw(created).execute(db);
    await sql`insert into payments_new select * from payments`.execute(db);
    // Its indexes go with it, and are made again from their stored definitions.
    await db.schema.dropTable('payments').execute();
    await db.schema.alterTable('payments_new').renameTo('payments').execute();
    for (const index of indexes) await sql.raw(index.sql as string).execute(db);
  },
};

export default migration;
