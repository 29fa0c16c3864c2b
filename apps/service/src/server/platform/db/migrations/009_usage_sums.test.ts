import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { AT, storeFixtures } from '../../../testing/storeFixtures.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import { summarizeUsage } from '../../../usage/summarizeUsage.ts';
import type { Db } from '../Database.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

describe.each(DIALECTS)('the usage sums migration on %s', (dialect) => {
  it('gives the requests recorded before it their tokens and charge parts, which then sum exactly', async () => {
    const db = await databaseBeforeMigration(dialect, '009_usage_sums');
    await storeFixtures(db as unknown as Db, undefined, { credits: false });
    const charges = ['0.0045000000', '33333333333333.3333333333', '0.0000000001'];
    // 1,001 requests: more than one batch of the backfill.
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 1001; i++) {
        const charge = charges[i % 3] ?? '0';
        await sql`
        insert into usage_requests (id, merchant_id, request_id, customer_id, meter_id, usage,
          charge, drawn_cycle, drawn_bundle, breakdown, metadata, created_at)
        values (${`rq_${String(i).padStart(4, '0')}`}, 'mer_test_1', ${`r${i}`}, 'con_test_1', 'prd_test_1',
          ${JSON.stringify({ input_tokens: i, output_tokens: 1 })}, ${charge}, '0', '0', '{}', '{}', ${AT})
      `.execute(trx);
      }
    });
    await migrateToLatest(db);
    const summary = await summarizeUsage(
      { db: db as unknown as Db, dialect },
      { merchantId: 'mer_test_1' },
      { start: '2026-11-01' },
    );
    // 334 of the first charge, 334 of the second, 333 of the third.
    expect(summary.totals).toEqual({
      total_requests: 1001,
      total_usage_tokens: (1000 * 1001) / 2 + 1001,
      total_cost: '0.0000000000',
      total_charge: '11133333333333334.8363333555',
    });
  });
});
