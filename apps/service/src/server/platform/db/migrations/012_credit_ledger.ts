import { type Kysely, type Migration, sql } from 'kysely';
import { createId } from '../../createId.ts';
import { Money } from '../../money/Money.ts';
import { columns } from './columns.ts';
import { createIndex } from './createIndex.ts';

/** Credit units per dollar: amounts are whole numbers of 10^-10 of the currency. */
const UNITS = new Money('1e10');
const units = (value: string) => BigInt(new Money(value).times(UNITS).toFixed(0));
/** Required amounts in those units. */
const amounts = (names: readonly string[]) => columns.of('bigint', names, (c) => c.notNull());
/** A table of the ledger's rows, each with its id and the merchant and customer it is of. */
const ledgerTable = (db: Kysely<unknown>, name: string) =>
  db.schema
    .createTable(name)
    .$call(columns.id)
    .$call(columns.required(['merchant_id', 'customer_id']));

/**
 * The credit ledger: grants (what was given, and what is left of each), an append-only list of
 * entries (every grant, draw, expiry and overage, signed), one account per customer (what is
 * available, reserved by calls in flight, and used beyond the credits), and the reservations
 * the gateway holds while a call is in flight. Amounts are whole numbers of 10^-10 units.
 *
 * What `credit_balances` held moves over: each active subscription gets a cycle grant of its
 * plan's included credit less what its current cycle used, and a bundle grant of what its
 * bundles have left. `credit_balances` stays, unread, for a release to roll back to.
 */
const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await ledgerTable(db, 'credit_grants')
      .addColumn('subscription_id', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .$call(amounts(['amount', 'remaining']))
      .$call(columns.text(['cycle_start_at', 'expires_at', 'payment_id']))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // A draw reads a customer's grants that have something left, in draw order.
    await createIndex(db, 'credit_grants_customer', 'credit_grants', ['customer_id', 'created_at']);
    await createIndex(db, 'credit_grants_subscription', 'credit_grants', ['subscription_id']);
    await ledgerTable(db, 'credit_entries')
      .addColumn('grant_id', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .$call(amounts(['amount']))
      .addColumn('request_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await createIndex(db, 'credit_entries_grant', 'credit_entries', ['grant_id']);
    await createIndex(db, 'credit_entries_customer', 'credit_entries', [
      'customer_id',
      'created_at',
    ]);
    await db.schema
      .createTable('credit_accounts')
      .addColumn('customer_id', 'text', (c) => c.primaryKey())
      .addColumn('merchant_id', 'text', (c) => c.notNull())
      .$call(amounts(['available', 'reserved', 'overage_due']))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await ledgerTable(db, 'credit_reservations')
      .$call(amounts(['amount']))
      .$call(columns.required(['status', 'request_id', 'created_at', 'settle_by']))
      .execute();
    // Recovery finds the open reservations past their bound.
    await createIndex(db, 'credit_reservations_status_settle_by', 'credit_reservations', [
      'status',
      'settle_by',
    ]);

    const { rows } = await sql<{
      subscription_id: string;
      customer_id: string;
      merchant_id: string;
      environment: 'test' | 'live';
      cycle_start_at: string;
      included_credit: string;
      balance_cycle_start_at: string | null;
      cycle_used: string | null;
      bundle_remaining: string | null;
    }>`
      select s.id as subscription_id, s.customer_id, m.id as merchant_id, m.environment,
        s.cycle_start_at, p.included_credit, b.cycle_start_at as balance_cycle_start_at,
        b.cycle_used, b.bundle_remaining
      from subscriptions s
      join plans p on p.id = s.plan_id
      join merchants m on m.id = p.merchant_id
      left join credit_balances b on b.subscription_id = s.id
      where s.status = 'active'
      order by s.id
    `.execute(db);
    const at = new Date().toISOString();
    for (const row of rows) {
      const used =
        row.balance_cycle_start_at === row.cycle_start_at && row.cycle_used !== null
          ? row.cycle_used
          : '0';
      const cycle = units(Money.max(0, new Money(row.included_credit).minus(used)).toFixed());
      const bundle = units(row.bundle_remaining ?? '0');
      const grants = [
        { source: 'cycle', amount: cycle, cycleStart: row.cycle_start_at },
        { source: 'bundle', amount: bundle, cycleStart: null },
      ].filter((grant) => grant.amount > 0n);
      for (const grant of grants) {
        const id = createId('cgr', row.environment);
        await sql`insert into credit_grants
          (id, merchant_id, customer_id, subscription_id, source, amount, remaining, cycle_start_at, expires_at, payment_id, created_at)
          values (${id}, ${row.merchant_id}, ${row.customer_id}, ${row.subscription_id}, ${grant.source},
            ${grant.amount}, ${grant.amount}, ${grant.cycleStart}, null, null, ${at})`.execute(db);
        await sql`insert into credit_entries
          (id, merchant_id, customer_id, grant_id, kind, amount, request_id, created_at)
          values (${createId('cen', row.environment)}, ${row.merchant_id}, ${row.customer_id}, ${id},
            'grant', ${grant.amount}, null, ${at})`.execute(db);
      }
      const total = grants.reduce((sum, grant) => sum + grant.amount, 0n);
      await sql`insert into credit_accounts (customer_id, merchant_id, available, reserved, overage_due, updated_at)
        values (${row.customer_id}, ${row.merchant_id}, ${total}, 0, 0, ${at})
        on conflict (customer_id) do update set available = credit_accounts.available + ${total}`.execute(
        db,
      );
    }
  },
};

export default migration;
