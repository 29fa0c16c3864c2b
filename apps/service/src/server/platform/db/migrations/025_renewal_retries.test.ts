import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { seedBeforeMigration } from '../../../testing/seedBeforeMigration.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

let db: Kysely<unknown> | undefined;

describe.each(DIALECTS)('the renewal retries migration, on %s', (dialect) => {
  it('leaves every subscription due at the end of its cycle, with no retry waiting', async () => {
    db = await databaseBeforeMigration(dialect, '025_renewal_retries');
    await seedBeforeMigration(db, { morePlans: [['sc_b', 'Max', '99.00', '60.00']] });
    await sql`insert into subscriptions (id, customer_id, plan_id, status, started_at, cycle_start_at,
        cycle_end_at, created_at)
      values ('sub_a', 'con_a', 'sc_a', 'active', 'x', 'x', '2026-12-22T12:00:00.000Z', 'x')`.execute(
      db,
    );

    await migrateToLatest(db);

    await sql`insert into subscriptions (id, customer_id, plan_id, status, started_at, cycle_start_at,
        cycle_end_at, created_at, renewal_retry_at)
      values ('sub_b', 'con_a', 'sc_b', 'active', 'x', 'x', '2026-12-22T12:00:00.000Z', 'x',
        '2026-12-23T12:00:00.000Z')`.execute(db);
    expect(
      (
        await sql`select id from subscriptions
          where status = 'active' and cycle_end_at <= '2026-12-22T12:00:00.000Z'
            and (renewal_retry_at is null or renewal_retry_at <= '2026-12-22T12:00:00.000Z')`.execute(
          db,
        )
      ).rows,
    ).toEqual([{ id: 'sub_a' }]);
  });
});
