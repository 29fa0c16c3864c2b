import { createHmac } from 'node:crypto';
import { verifyWebhook } from '@lava-checkout/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/Database.ts';
import { createPublicDispatcher } from '../platform/http/createPublicDispatcher.ts';
import type { PublicHostPolicy } from '../platform/http/resolvePublicHost.ts';
import { createTestResolver } from '../testing/createTestResolver.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import { startWebhookReceiver } from '../testing/webhookReceiver.ts';
import { createDeliveryPool } from './createDeliveryPool.ts';
import { dispatchWebhookEvents, nextAttemptDelay, WEBHOOK_LEASE_MS } from './deliverWebhooks.ts';
import { webhookEvent } from './webhookEvent.ts';

const SECRET = 'whsec_test_secret';
let db: Db | undefined;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;

const DEVELOPMENT: PublicHostPolicy = {
  allowLoopback: true,
  resolve: createTestResolver().resolve,
};

/**
 * Sends what is due, as a worker does, through connections checked by `policy`, and waits until
 * every attempt has ended; resolves to how many the endpoints took.
 */
async function deliverDue(deps: { db: Db; now: () => Date }, policy = DEVELOPMENT) {
  const dispatcher = createPublicDispatcher(policy);
  const pool = createDeliveryPool(deps, { dispatcher });
  await pool.fill();
  await pool.idle();
  await dispatcher.close();
  return pool.delivered;
}

afterEach(async () => {
  await db?.destroy();
  await receiver?.close();
  db = undefined;
  receiver = undefined;
});

async function setup(
  dialect: (typeof DIALECTS)[number],
  answer?: Parameters<typeof startWebhookReceiver>[0],
) {
  const opened = await openTestDatabase(dialect);
  db = opened.db;
  await storeFixtures(db);
  receiver = await startWebhookReceiver(answer);
  await db
    .insertInto('webhooks')
    .values({
      id: 'wh_1',
      merchant_id: 'mer_test_1',
      name: 'W',
      url: receiver.url,
      secret: SECRET,
      created_at: AT,
      deleted_at: null,
    })
    .execute();
  const clock = { now: Date.parse(AT) + 1000 };
  const deps = { db, now: () => new Date(clock.now) };
  const event = webhookEvent(
    'customer.created',
    { id: 'mer_test_1', environment: 'test' },
    new Date(clock.now),
    {
      customer_id: 'con_test_1',
    },
  );
  await db.insertInto('webhook_events').values(event).execute();
  return { db, deps, clock, event, receiver };
}

describe('nextAttemptDelay', () => {
  it('backs off exponentially from 30 seconds, at most 6 hours apart', () => {
    expect([1, 2, 3, 4, 10, 11, 30].map((n) => nextAttemptDelay(n) / 1000)).toEqual([
      30, 60, 120, 240, 15360, 21600, 21600,
    ]);
  });
});

describe.each(DIALECTS)('webhook delivery on %s', (dialect) => {
  it('delivers the stored body once, signed so that webhooks.verify accepts it, with the plain X-Webhook-Signature header too', async () => {
    const { deps, event, receiver } = await setup(dialect);
    expect(await dispatchWebhookEvents(deps)).toBe(1);
    expect(await dispatchWebhookEvents(deps)).toBe(0);
    expect(await deliverDue(deps)).toBe(1);
    expect(await deliverDue(deps)).toBe(0);
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery?.body).toBe(event.payload);
    expect(delivery?.eventId).toBe(event.id);
    const verified = await verifyWebhook(delivery?.body ?? '', delivery?.lavaSignature, SECRET, {
      now: () => deps.now().getTime(),
    });
    expect(verified).toEqual({
      id: event.id,
      event: 'customer.created',
      created_at: event.created_at,
      data: { customer_id: 'con_test_1' },
    });
    expect(delivery?.webhookSignature).toBe(
      createHmac('sha256', SECRET).update(event.payload).digest('hex'),
    );
    await expect(
      verifyWebhook(
        delivery?.body.replace('con_test_1', 'con_test_2') ?? '',
        delivery?.lavaSignature,
        SECRET,
        {
          now: () => deps.now().getTime(),
        },
      ),
    ).rejects.toThrow(/signature mismatch/);
  });

  it('retries a failing endpoint with backoff, and delivers once it answers 2xx', async () => {
    let status = 500;
    const { db, deps, clock, receiver } = await setup(dialect, () => status);
    await dispatchWebhookEvents(deps);
    await deliverDue(deps);
    await deliverDue(deps);
    expect(receiver.received).toHaveLength(1);
    const after1 = await db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(after1).toMatchObject({ attempts: 1, last_error: 'HTTP 500', delivered_at: null });
    expect(Date.parse(after1.next_attempt_at) - clock.now).toBe(30_000);
    clock.now += 29_000;
    await deliverDue(deps);
    expect(receiver.received).toHaveLength(1);
    clock.now += 1_000;
    await deliverDue(deps);
    expect(receiver.received).toHaveLength(2);
    const after2 = await db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(Date.parse(after2.next_attempt_at) - clock.now).toBe(60_000);
    status = 204;
    clock.now += 60_000;
    expect(await deliverDue(deps)).toBe(1);
    expect(
      await db
        .selectFrom('webhook_deliveries')
        .select(['attempts', 'delivered_at'])
        .executeTakeFirst(),
    ).toEqual({
      attempts: 3,
      delivered_at: new Date(clock.now).toISOString(),
    });
    // Every attempt carried the same event id and body.
    expect(new Set(receiver.received.map((d) => d.body)).size).toBe(1);
  });

  it('keeps retrying for 3 days after the event, then gives up', async () => {
    const { db, deps, clock, receiver } = await setup(dialect, () => 503);
    await dispatchWebhookEvents(deps);
    for (let i = 0; i < 40; i++) {
      await deliverDue(deps);
      const row = await db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
      if (row.failed_at) break;
      clock.now = Date.parse(row.next_attempt_at);
    }
    const row = await db.selectFrom('webhook_deliveries').selectAll().executeTakeFirstOrThrow();
    expect(row.failed_at).not.toBeNull();
    const lastAttempt = Date.parse(row.failed_at ?? '');
    expect(lastAttempt - Date.parse(AT)).toBeLessThanOrEqual(3 * 24 * 3600_000);
    expect(lastAttempt - Date.parse(AT)).toBeGreaterThan(3 * 24 * 3600_000 - 6 * 3600_000);
    expect(receiver.received.length).toBe(row.attempts);
    expect(row.attempts).toBeGreaterThan(15);
  });

  it('lets one worker at a time attempt a delivery; a lease left by a dead worker runs out', async () => {
    const { db, deps, clock, receiver } = await setup(dialect);
    await dispatchWebhookEvents(deps);
    // A worker that died mid-attempt left its lease.
    await db
      .updateTable('webhook_deliveries')
      .set({ locked_until: new Date(clock.now + WEBHOOK_LEASE_MS).toISOString() })
      .execute();
    expect(await deliverDue(deps)).toBe(0);
    clock.now += WEBHOOK_LEASE_MS;
    const [a, b] = await Promise.all([deliverDue(deps), deliverDue(deps)]);
    expect(a + b).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('refuses, at delivery in production, each endpoint that is not public, and connects to none of them', async () => {
    const { db, deps, clock, receiver } = await setup(dialect);
    const port = receiver.port;
    // Rows written straight to the table, past the checks at registration.
    const endpoints = {
      wh_mapped_loopback: `https://[::ffff:127.0.0.1]:${port}/hook`,
      wh_mapped_metadata: 'https://[::ffff:169.254.169.254]/',
      wh_shared: 'https://100.64.0.1/',
      wh_metadata: 'https://metadata.google.internal/',
      wh_localhost: `https://localhost.:${port}/hook`,
      wh_name: `https://hooks.example.org:${port}/hook`,
    };
    await db
      .insertInto('webhooks')
      .values(
        Object.entries(endpoints).map(([id, url]) => ({
          id,
          merchant_id: 'mer_test_1',
          name: id,
          url,
          secret: SECRET,
          created_at: AT,
          deleted_at: null,
        })),
      )
      .execute();
    await dispatchWebhookEvents(deps);
    const production = {
      allowLoopback: false,
      resolve: createTestResolver({ 'hooks.example.org': '127.0.0.1' }).resolve,
    };
    expect(await deliverDue(deps, production)).toBe(0);
    expect(receiver.connections()).toBe(0);
    const rows = await db
      .selectFrom('webhook_deliveries')
      .select(['webhook_id', 'attempts', 'delivered_at', 'next_attempt_at', 'last_error'])
      .orderBy('webhook_id')
      .execute();
    const retryAt = new Date(clock.now + 30_000).toISOString();
    const refused = (webhook_id: string, last_error: string) => ({
      webhook_id,
      attempts: 1,
      delivered_at: null,
      next_attempt_at: retryAt,
      last_error,
    });
    expect(rows).toEqual([
      // The endpoint of setup(), on loopback, which production refuses too.
      refused('wh_1', '127.0.0.1 is a loopback address (this machine)'),
      refused('wh_localhost', 'localhost. is a name of this machine'),
      refused('wh_mapped_loopback', '::ffff:7f00:1 is an IPv4-mapped IPv6 address'),
      refused('wh_mapped_metadata', '::ffff:a9fe:a9fe is an IPv4-mapped IPv6 address'),
      refused(
        'wh_metadata',
        'metadata.google.internal is a name under .internal, which is never public',
      ),
      refused(
        'wh_name',
        'hooks.example.org resolves to 127.0.0.1, a loopback address (this machine)',
      ),
      refused('wh_shared', '100.64.0.1 is a shared address (100.64.0.0/10)'),
    ]);
  });

  it('follows no redirect: a 3xx is a failed attempt, and its Location gets nothing', async () => {
    const elsewhere = await startWebhookReceiver();
    try {
      const { db, deps } = await setup(dialect, () => ({
        status: 307,
        headers: { location: elsewhere.url },
      }));
      await dispatchWebhookEvents(deps);
      expect(await deliverDue(deps)).toBe(0);
      expect(
        await db.selectFrom('webhook_deliveries').select(['attempts', 'last_error']).execute(),
      ).toEqual([{ attempts: 1, last_error: 'HTTP 307' }]);
      expect(elsewhere.connections()).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('plans deliveries only to endpoints the merchant had when the event happened', async () => {
    const { db, deps, clock } = await setup(dialect);
    await db
      .insertInto('webhooks')
      .values({
        id: 'wh_later',
        merchant_id: 'mer_test_1',
        name: 'Later',
        url: 'https://example.com',
        secret: 's',
        created_at: new Date(clock.now + 1).toISOString(),
        deleted_at: null,
      })
      .execute();
    await dispatchWebhookEvents(deps);
    expect(await db.selectFrom('webhook_deliveries').select('webhook_id').execute()).toEqual([
      { webhook_id: 'wh_1' },
    ]);
  });
});
