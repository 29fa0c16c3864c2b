import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/Database.ts';
import { listPage } from '../platform/http/listPage.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import { tokenUsage } from '../testing/tokenUsage.ts';
import { listUsageRequests } from './listUsageRequests.ts';
import { recordUsage } from './recordUsage.ts';
import type { UsageScope } from './usageScope.ts';

let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

const merchant = { id: 'mer_test_1', environment: 'test' } as const;

describe.each(DIALECTS)('listUsageRequests on %s', (dialect) => {
  it('pages through every matching request once, newest first, reading a bounded number per page', async () => {
    const opened = await openTestDatabase(dialect);
    db = opened.db;
    await storeFixtures(db);
    const clock = { now: Date.parse(AT) };
    const deps = { ...opened, now: () => new Date(clock.now) };
    for (let i = 0; i < 40; i++) {
      // Four requests to each instant: slices and pages end in the middle of them.
      if (i % 4 === 0) clock.now += 1000;
      await recordUsage(
        deps,
        merchant,
        tokenUsage(`req_${String(i).padStart(2, '0')}`, i, {
          metadata: { feature: i % 10 === 3 ? 'chat' : 'search' },
        }),
      );
    }
    const everyPage = async (scope: UsageScope, limit: number) => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await listPage(
          { cursor, limit },
          (before, take) =>
            listUsageRequests(deps, scope, before, take, { maxScanned: 6, sliceRequests: 3 }),
          (row) => row.request_id,
        );
        pages.push(page.data);
        cursor = page.next_cursor;
      } while (cursor !== undefined);
      return pages;
    };
    // Newest first: the latest instant first, and within an instant by id.
    const newestFirst = async (scope: UsageScope) =>
      (
        await db
          ?.selectFrom('usage_requests')
          .select('request_id')
          .$if(scope.metadata !== undefined, (q) => q.where('metadata', 'like', '%chat%'))
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .execute()
      )?.map((row) => row.request_id);

    const chat = { merchantId: merchant.id, metadata: [['feature', 'chat']] as const };
    const pages = await everyPage(chat, 2);
    expect(pages.flat()).toEqual(await newestFirst(chat));
    expect(pages.flat()).toEqual(['req_33', 'req_23', 'req_13', 'req_03']);
    // Each page read at most 6 requests: 40 of them take 7 pages, some short or empty.
    expect(pages.length).toBe(7);
    expect(pages.some((page) => page.length === 0)).toBe(true);

    // Without a filter, pages are full and the customer's index gives the same order.
    const all = await everyPage({ merchantId: merchant.id, customerId: 'con_test_1' }, 7);
    expect(all.map((page) => page.length)).toEqual([7, 7, 7, 7, 7, 5]);
    expect(all.flat()).toEqual(await newestFirst({ merchantId: merchant.id }));
  });
});
