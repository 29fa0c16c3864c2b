import { type Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { AT, storeFixtures } from '../../../testing/storeFixtures.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import type { Db } from '../Database.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

let db: Kysely<unknown> | undefined;

describe.each(DIALECTS)('migration 022 (auto top-up) on %s', (dialect) => {
  it('keeps subscriptions on their plan’s default, merchants on the default cap, and leaves existing balances unannounced', async () => {
    db = await databaseBeforeMigration(dialect, '022_auto_top_up');
    const ids = await storeFixtures(db as unknown as Db, undefined, { credits: false });
    await sql`insert into credit_accounts (customer_id, merchant_id, available, reserved, overage_due, updated_at)
      values (${ids.customer}, ${ids.merchant}, 250000000000, 0, 0, ${AT})`.execute(db);

    expect(await migrateToLatest(db)).toContain('022_auto_top_up');

    const { rows: subscriptions } = await sql<{
      auto_top_up_off: number;
      auto_top_up_bundle_id: string | null;
    }>`select auto_top_up_off, auto_top_up_bundle_id from subscriptions`.execute(db);
    expect(subscriptions).toEqual([{ auto_top_up_off: 0, auto_top_up_bundle_id: null }]);
    const { rows: merchants } = await sql<{
      auto_top_ups_per_cycle: number | null;
    }>`select auto_top_ups_per_cycle from merchants`.execute(db);
    expect(merchants).toEqual([{ auto_top_ups_per_cycle: null }]);
    const { rows: unannounced } = await sql<{ customer_id: string }>`
      select customer_id from credit_accounts where balance_version > announced_version`.execute(
      db,
    );
    expect(unannounced).toEqual([]);
    // A change after the migration is one to announce.
    await sql`update credit_accounts set balance_version = balance_version + 1`.execute(db);
    const { rows: changed } = await sql<{ customer_id: string }>`
      select customer_id from credit_accounts where balance_version > announced_version`.execute(
      db,
    );
    expect(changed).toEqual([{ customer_id: ids.customer }]);
  });
});
