import { afterEach, describe, expect, it } from 'vitest';
import { balanceOf } from '../credits/balanceOf.ts';
import { checkLedger } from '../credits/checkLedger.ts';
import { toCreditUnits } from '../credits/creditUnits.ts';
import { drawCredits } from '../credits/drawCredits.ts';
import { grantCredits } from '../credits/grantCredits.ts';
import type { Db } from '../platform/db/Database.ts';
import { Money } from '../platform/money/Money.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import { NO_USAGE } from './priceUsage.ts';
import { recordUsage } from './recordUsage.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const merchant = { id: 'mer_test_1', environment: 'test' } as const;

/** A deterministic stream of token counts (a linear congruential generator). */
function* tokenCounts(n: number) {
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x % 4000;
  }
}

// The two databases at once: each records its 10,000 requests one by one, as the API does.
describe.concurrent('recording 10,000 requests', () => {
  it.each(DIALECTS)(
    'on %s, leaves usage and credits exact, against a direct sum',
    async (dialect) => {
      const opened = await openTestDatabase(dialect);
      const { db } = opened;
      try {
        await storeFixtures(db);
        const deps = { ...opened, now: () => new Date(AT) };
        let charged = 0n; // in millionths: 3.00 per million tokens is 3 millionths a token
        let summed = new Money(0);
        let n = 0;
        for (const tokens of tokenCounts(10_000)) {
          const { row } = await recordUsage(deps, merchant, {
            ...NO_USAGE,
            request_id: `req_${n++}`,
            customer_id: 'con_test_1',
            meter_slug: 'tokens',
            metadata: {},
            input_tokens: tokens,
          });
          charged += BigInt(tokens) * 3n;
          summed = summed.plus(row.charge);
          if (n === 2_000) {
            // Midway, before the credit runs out: what is left is 25.00 less the exact sum so far.
            const left = await balanceOf(db, { customerId: 'con_test_1' }, new Date(AT));
            const soFar = new Money(charged.toString()).div(1_000_000);
            expect(soFar.lt(25)).toBe(true);
            expect(left.cycle).toBe(toCreditUnits(new Money(25).minus(soFar)));
          }
        }
        const direct = new Money(charged.toString()).div(1_000_000);
        expect(summed.toString()).toBe(direct.toString());

        const rows = await db
          .selectFrom('usage_requests')
          .select(['charge', 'drawn_cycle', 'drawn_bundle'])
          .execute();
        expect(rows).toHaveLength(10_000);
        const total = rows.reduce((sum, row) => sum.plus(row.charge), new Money(0));
        const drawn = rows.reduce(
          (sum, row) => sum.plus(row.drawn_cycle).plus(row.drawn_bundle),
          new Money(0),
        );
        expect(total.toString()).toBe(direct.toString());
        // About 20 million tokens, some 60.00: the 25.00 included is drawn to the last cent, no more.
        expect(direct.gt(25)).toBe(true);
        expect(drawn.toString()).toBe('25');
        const balance = await balanceOf(db, { customerId: 'con_test_1' }, new Date(AT));
        expect(balance.total).toBe(0n);
        expect(await checkLedger(db)).toEqual([]);
      } finally {
        await db.destroy();
      }
    },
    240_000,
  );
});

describe.each(DIALECTS)('recordUsage on %s', (dialect) => {
  it("graduates across requests: a meter's second tier prices what the customer uses past it", async () => {
    const opened = await openTestDatabase(dialect);
    db = opened.db;
    await storeFixtures(db, [
      { start: '0', rate: '10.00' },
      { start: '1000000', rate: '1.00' },
    ]);
    const deps = { ...opened, now: () => new Date(AT) };
    const record = (id: string, tokens: number) =>
      recordUsage(deps, merchant, {
        ...NO_USAGE,
        request_id: id,
        customer_id: 'con_test_1',
        meter_slug: 'tokens',
        metadata: {},
        input_tokens: tokens,
      });
    expect((await record('a', 900_000)).row.charge).toBe('9.0000000000');
    // 100,000 at 10.00 per million, then 100,000 at 1.00.
    expect((await record('b', 200_000)).row.charge).toBe('1.1000000000');
    expect((await record('c', 1_000_000)).row.charge).toBe('1.0000000000');
  });

  it('draws the included credit first, then bundle credits, and no further', async () => {
    const opened = await openTestDatabase(dialect);
    db = opened.db;
    await storeFixtures(db);
    const at = new Date(AT);
    const m = { ...merchant, id: 'mer_test_1' };
    await drawCredits(db, {
      merchant: m,
      customerId: 'con_test_1',
      amount: toCreditUnits('24.00'),
      requestId: null,
      at,
    });
    await grantCredits(db, {
      merchant: m,
      customerId: 'con_test_1',
      subscriptionId: 'sub_test_1',
      source: 'bundle',
      amount: toCreditUnits('2.50'),
      at,
    });
    const deps = { ...opened, now: () => new Date(AT) };
    // 1,000,000 tokens: 3.00, of which 1.00 from the cycle and 2.00 from the bundle.
    const { row } = await recordUsage(deps, merchant, {
      ...NO_USAGE,
      request_id: 'r',
      customer_id: 'con_test_1',
      meter_slug: 'tokens',
      metadata: {},
      input_tokens: 1_000_000,
    });
    expect([row.drawn_cycle, row.drawn_bundle]).toEqual(['1.00', '2.00']);
    const { row: next } = await recordUsage(deps, merchant, {
      ...NO_USAGE,
      request_id: 's',
      customer_id: 'con_test_1',
      meter_slug: 'tokens',
      metadata: {},
      input_tokens: 1_000_000,
    });
    expect([next.charge, next.drawn_cycle, next.drawn_bundle]).toEqual([
      '3.0000000000',
      '0.00',
      '0.50',
    ]);
    expect(await balanceOf(db, { customerId: 'con_test_1' }, new Date(AT))).toEqual({
      total: 0n,
      cycle: 0n,
      bundle: 0n,
    });
    // What no credit covered is overage, due from the customer.
    const account = await db
      .selectFrom('credit_accounts')
      .select('overage_due')
      .executeTakeFirstOrThrow();
    expect(BigInt(account.overage_due)).toBe(toCreditUnits('2.50'));
    expect(await checkLedger(db)).toEqual([]);
  });
});
