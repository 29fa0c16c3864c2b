import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/Database.ts';
import { formatUsage, Money } from '../platform/money/Money.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import { NO_USAGE } from './priceUsage.ts';
import { recordUsage } from './recordUsage.ts';
import { summarizeUsage } from './summarizeUsage.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const merchant = { id: 'mer_test_1', environment: 'test' } as const;
const HOUR = 60 * 60 * 1000;

/** 30 requests over three UTC days, several to a millisecond, priced by two tiers. */
async function recordRequests(dialect: (typeof DIALECTS)[number]) {
  const opened = await openTestDatabase(dialect);
  db = opened.db;
  await storeFixtures(db, [
    { start: '0', rate: '3.33' },
    { start: '1000000', rate: '0.07' },
  ]);
  const clock = { now: Date.parse(AT) };
  const deps = { ...opened, now: () => new Date(clock.now) };
  const recorded: { day: string; charge: string; tokens: number; feature: string }[] = [];
  for (let i = 0; i < 30; i++) {
    // Three requests to each instant: slices end in the middle of them.
    if (i % 3 === 0) clock.now += 5 * HOUR;
    const feature = ['chat', 'Chat', '50% off_"x"'][i % 3] ?? '';
    const { row } = await recordUsage(deps, merchant, {
      ...NO_USAGE,
      request_id: `req_${i}`,
      customer_id: 'con_test_1',
      meter_slug: 'tokens',
      metadata: { feature, n: String(i) },
      input_tokens: 77_777 * (i + 1),
      output_tokens: i,
    });
    recorded.push({
      day: row.created_at.slice(0, 10),
      charge: row.charge,
      tokens: 77_777 * (i + 1) + i,
      feature,
    });
  }
  return { deps: opened, recorded };
}

const sums = (rows: { charge: string; tokens: number }[]) => ({
  total_requests: rows.length,
  total_usage_tokens: rows.reduce((sum, row) => sum + row.tokens, 0),
  total_cost: '0.0000000000',
  total_charge: formatUsage(rows.reduce((sum, row) => sum.plus(row.charge), new Money(0))),
});

describe.each(DIALECTS)('summarizeUsage on %s', (dialect) => {
  it('sums each UTC day and the whole exactly, a few requests at a time, as the charges add up', async () => {
    const { deps, recorded } = await recordRequests(dialect);
    const days = [...new Set(recorded.map((row) => row.day))];
    expect(days.length).toBe(3);
    for (const sliceRequests of [4, 1, 2_000]) {
      const summary = await summarizeUsage(
        deps,
        { merchantId: merchant.id },
        { start: '2026-11-01' },
        { sliceRequests },
      );
      expect(summary).toEqual({
        items: days.map((day) => ({
          date: day,
          start: `${day}T00:00:00.000Z`,
          end: new Date(Date.parse(`${day}T00:00:00.000Z`) + 24 * HOUR).toISOString(),
          ...sums(recorded.filter((row) => row.day === day)),
        })),
        totals: sums(recorded),
      });
    }
    // A range cuts the days; the customer's own index reads the same requests.
    const second = days[1] ?? '';
    expect(
      await summarizeUsage(
        deps,
        { merchantId: merchant.id, customerId: 'con_test_1', meterId: 'prd_test_1' },
        { start: second, end: `${second}T23:59:59.999Z` },
        { sliceRequests: 4 },
      ),
    ).toMatchObject({ totals: sums(recorded.filter((row) => row.day === second)) });
    expect(
      await summarizeUsage(
        deps,
        { merchantId: merchant.id, meterId: 'prd_other' },
        { start: '2026-11-01' },
      ),
    ).toEqual({ items: [], totals: sums([]) });
  });

  it('keeps the requests whose metadata has each pair, compared exactly', async () => {
    const { deps, recorded } = await recordRequests(dialect);
    const totals = async (metadata: [string, string][]) =>
      (
        await summarizeUsage(
          deps,
          { merchantId: merchant.id, metadata },
          { start: '2026-11-01' },
          { sliceRequests: 4 },
        )
      ).totals;
    for (const feature of ['chat', 'Chat', '50% off_"x"']) {
      expect(await totals([['feature', feature]])).toEqual(
        sums(recorded.filter((row) => row.feature === feature)),
      );
    }
    expect(
      await totals([
        ['feature', 'chat'],
        ['n', '3'],
      ]),
    ).toEqual(sums(recorded.slice(3, 4)));
    // A pair twice is the pair; a key with two values matches nothing.
    expect(
      await totals([
        ['feature', 'chat'],
        ['feature', 'chat'],
      ]),
    ).toEqual(sums(recorded.filter((row) => row.feature === 'chat')));
    expect(
      await totals([
        ['feature', 'chat'],
        ['feature', 'Chat'],
      ]),
    ).toEqual(sums([]));
    // Not equal: a pattern, another case, a key that no metadata can have.
    expect(await totals([['feature', '%']])).toEqual(sums([]));
    expect(await totals([['feature', 'CHAT']])).toEqual(sums([]));
    expect(await totals([['feature"]', 'chat']])).toEqual(sums([]));
  });

  it('refuses a range holding more requests than one call sums, and sums up to that many', async () => {
    const { deps, recorded } = await recordRequests(dialect);
    await expect(
      summarizeUsage(
        deps,
        { merchantId: merchant.id },
        { start: '2026-11-01' },
        { maxRequests: 29 },
      ),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      details: { param: 'start' },
      message: expect.stringContaining('more than 29 requests'),
    });
    expect(
      await summarizeUsage(
        deps,
        { merchantId: merchant.id },
        { start: '2026-11-01' },
        { maxRequests: 30, sliceRequests: 4 },
      ),
    ).toMatchObject({ totals: sums(recorded) });
  });
});
