import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/Database.ts';
import { openDatabase } from '../platform/db/openDatabase.ts';
import { openPostgresDatabase } from '../platform/db/openPostgresDatabase.ts';
import { createPublicDispatcher } from '../platform/http/createPublicDispatcher.ts';
import { createTestResolver } from '../testing/createTestResolver.ts';
import { fillOutbox } from '../testing/fillOutbox.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { createPostgresDatabase, DIALECTS, type Dialect } from '../testing/testDatabases.ts';
import { startWebhookReceiver } from '../testing/webhookReceiver.ts';
import { createDeliveryPool } from './createDeliveryPool.ts';
import { dispatchWebhookEvents } from './deliverWebhooks.ts';
import { startWebhookWorker } from './startWebhookWorker.ts';
import { webhookEvent } from './webhookEvent.ts';

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** What each test opened, closed in this order: receivers first, which ends the requests they hold, so the workers can stop. */
const opened = {
  receivers: [] as (() => Promise<unknown>)[],
  workers: [] as (() => Promise<unknown>)[],
  databases: [] as (() => Promise<unknown>)[],
};
afterEach(async () => {
  for (const close of [...opened.receivers, ...opened.workers, ...opened.databases]) await close();
  for (const list of Object.values(opened)) list.splice(0);
});

const development = () => ({ allowLoopback: true, resolve: createTestResolver().resolve });

/** The same fresh database opened twice, as two service processes would. */
async function openTwice(dialect: Dialect): Promise<[Db, Db]> {
  let open: () => Promise<Db>;
  if (dialect === 'postgres') {
    const url = await createPostgresDatabase();
    open = () => openPostgresDatabase(url);
  } else {
    const file = join(mkdtempSync(join(tmpdir(), 'lava-db-')), 'checkout.sqlite');
    open = async () => (await openDatabase(file)).db;
  }
  const first = await open();
  const second = await open();
  opened.databases.push(
    () => first.destroy(),
    () => second.destroy(),
  );
  return [first, second];
}

async function receiver(answer?: Parameters<typeof startWebhookReceiver>[0]): Promise<Receiver> {
  const started = await startWebhookReceiver(answer);
  opened.receivers.push(() => started.close());
  return started;
}

/** Endpoints of a merchant: `${url}?n=<i>`, one per `count`. */
async function addEndpoints(db: Db, merchantId: string, url: string, count: number) {
  const ids = Array.from({ length: count }, (_, i) => `wh_${merchantId}_${i + 1}`);
  await db
    .insertInto('webhooks')
    .values(
      ids.map((id, i) => ({
        id,
        merchant_id: merchantId,
        name: id,
        url: `${url}?n=${i + 1}`,
        secret: 'whsec_test',
        created_at: AT,
        deleted_at: null,
      })),
    )
    .execute();
  return ids;
}

async function writeEvents(db: Db, merchantId: string, count: number, at: Date) {
  const events = Array.from({ length: count }, (_, i) =>
    webhookEvent('checkout.completed', { id: merchantId, environment: 'test' }, at, {
      checkout_session_id: `cs_${merchantId}_${i}`,
    }),
  );
  await fillOutbox(db, events);
}

/** A second merchant beside the fixtures' `mer_test_1`. */
async function addMerchant(db: Db, id: string) {
  await db
    .insertInto('merchants')
    .values({ id, name: id, environment: 'test', created_at: AT, sms_countries: null })
    .execute();
}

async function deliveryRows(db: Db) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'attempts', 'delivered_at', 'locked_until'])
    .execute();
}

describe.each(DIALECTS)('sending webhooks concurrently, on %s', (dialect) => {
  it("three endpoints that never answer do not hold back another merchant's delivery", async () => {
    const [db] = await openTwice(dialect);
    await storeFixtures(db);
    await addMerchant(db, 'mer_test_2');
    const dead = await receiver(() => 'hold');
    const alive = await receiver();
    const deadEndpoints = await addEndpoints(db, 'mer_test_1', dead.url, 3);
    await addEndpoints(db, 'mer_test_2', alive.url, 1);
    const clock = { now: Date.parse(AT) + 1000 };
    const services = {
      db,
      now: () => new Date(clock.now),
      production: false,
      resolveHost: createTestResolver().resolve,
    };
    // The stuck merchant's 90 deliveries were due first; the other merchant's comes after.
    await writeEvents(db, 'mer_test_1', 30, new Date(clock.now));
    await dispatchWebhookEvents(services);
    clock.now += 1000;
    await writeEvents(db, 'mer_test_2', 1, new Date(clock.now));

    const worker = startWebhookWorker(services, { pollMs: 0 });
    opened.workers.push(() => worker.stop());
    const started = performance.now();
    void worker.runOnce();
    await alive.until(1);
    const waited = performance.now() - started;

    // It arrived before any attempt at the dead endpoints ended (they end only when their
    // 10 s run out), so it waited for none of them.
    const stuck = (await deliveryRows(db)).filter((row) => row.webhook_id !== 'wh_mer_test_2_1');
    expect(stuck).toHaveLength(90);
    expect(stuck.filter((row) => row.attempts > 0)).toEqual([]);
    // A generous bound for a loaded machine; the service itself takes a few milliseconds.
    expect(waited).toBeLessThan(5000);
    // Meanwhile the dead endpoints hold 8 requests each, the limit per endpoint, and no more.
    await dead.until(24);
    expect(dead.holding()).toBe(24);
    expect(worker.sending()).toEqual(new Map(deadEndpoints.map((id) => [id, 8])));
  });

  it('sends at most the limit at once to each endpoint and in all, and fills a freed slot at once', async () => {
    const [db] = await openTwice(dialect);
    await storeFixtures(db);
    let status: 'hold' | 200 = 'hold';
    const slow = await receiver(() => status);
    const endpoints = await addEndpoints(db, 'mer_test_1', slow.url, 5);
    const deps = { db, now: () => new Date(Date.parse(AT) + 1000) };
    await writeEvents(db, 'mer_test_1', 4, deps.now());
    await dispatchWebhookEvents(deps);
    const dispatcher = createPublicDispatcher(development());
    opened.workers.push(() => dispatcher.close());
    const pool = createDeliveryPool(deps, { dispatcher, perEndpoint: 2, total: 7 });
    opened.workers.push(() => pool.close());

    await pool.fill();
    const sending = pool.sending();
    expect([...sending.values()].reduce((a, b) => a + b, 0)).toBe(7);
    expect([...sending.values()].every((n) => n <= 2)).toBe(true);
    expect(endpoints).toEqual(expect.arrayContaining([...sending.keys()]));
    await slow.until(7);

    // The endpoint answers now: the 13 left go out as slots free, with no other fill.
    status = 200;
    slow.release();
    await pool.idle();
    expect(pool.delivered).toBe(20);
    expect(slow.received).toHaveLength(20);
    expect((await deliveryRows(db)).every((row) => row.delivered_at !== null)).toBe(true);
  });

  it('two workers on one database send each delivery once, and leave no lease behind', async () => {
    const [first, second] = await openTwice(dialect);
    await storeFixtures(first);
    const fast = await receiver();
    await addEndpoints(first, 'mer_test_1', fast.url, 3);
    const now = () => new Date(Date.parse(AT) + 1000);
    await writeEvents(first, 'mer_test_1', 200, now());
    while ((await dispatchWebhookEvents({ db: first, now })) > 0) {}

    const pools = [first, second].map((db) => {
      const dispatcher = createPublicDispatcher(development());
      opened.workers.push(() => dispatcher.close());
      return createDeliveryPool({ db, now }, { dispatcher });
    });
    await Promise.all(pools.map((pool) => pool.fill()));
    await Promise.all(pools.map((pool) => pool.idle()));

    expect(pools.map((pool) => pool.delivered).reduce((a, b) => a + b)).toBe(600);
    const sent = fast.received.map((d) => `${d.eventId} ${d.path}`);
    expect(sent).toHaveLength(600);
    expect(new Set(sent).size).toBe(600);
    const rows = await deliveryRows(second);
    expect(rows.filter((row) => row.delivered_at === null || row.locked_until !== null)).toEqual(
      [],
    );
    expect(rows.every((row) => row.attempts === 1)).toBe(true);
  }, 30_000);
});
