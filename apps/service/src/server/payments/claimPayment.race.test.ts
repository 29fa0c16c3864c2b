import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { codeFrom, mintFor, pageCall } from '../testing/checkoutOverHttp.ts';
import { type ServiceProcess, spawnService } from '../testing/spawnService.ts';
import { testPaymentMethod, writeTestPage } from '../testing/startTestService.ts';
import { createPostgresDatabase } from '../testing/testDatabases.ts';

const PAIRS = 20;

const services: ServiceProcess[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.kill();
});

/** A session minted through `at`, its phone verified there with the code it texted. */
async function verifiedSession(
  at: string,
  secretKey: string,
  planId: string,
  phone: string,
  ip: string,
) {
  const secret = await mintFor(at, secretKey, planId);
  const sent = await pageCall(at, 'phone', secret, { phone }, ip);
  expect(sent.status).toBe(200);
  const verified = await pageCall(at, 'code', secret, { code: await codeFrom(at, phone) }, ip);
  expect(verified.status).toBe(200);
  return secret;
}

describe('two sessions for one phone and plan paying at once, on PostgreSQL with two service processes', () => {
  it('charge once: the second completes as already subscribed, without a charge or an error', async () => {
    const databaseUrl = await createPostgresDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    const config = {
      dataDir,
      pageDir: writeTestPage(),
      databaseUrl,
      trustedProxies: 1,
      // Each processor call takes real time, as across a network: the sessions overlap.
      payments: { kind: 'test' as const, latencyMs: 40 },
    };
    const a = await spawnService(config);
    services.push(a);
    const b = await spawnService(config);
    services.push(b);
    const { secretKey, planId } = a.devMerchant;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    // The test cluster commits at once (no fsync). A database on a real disk, or across a
    // network, takes milliseconds to finish recording a payment: here, 50 ms between the
    // payment's success and the commit of its subscription.
    await client.query(`
      create function take_time() returns trigger language plpgsql as
        $$ begin perform pg_sleep(0.05); return null; end $$;
      create trigger recording_takes_time after insert on subscriptions
        for each row execute function take_time();
    `);
    try {
      const phones = Array.from({ length: PAIRS }, (_, i) => `+1415555${3000 + i}`);
      const first = await Promise.all(
        phones.map((phone, i) =>
          verifiedSession(a.url, secretKey, planId, phone, `198.51.100.${i}`),
        ),
      );
      // As if the first codes went out a minute ago: past the 30 s before a phone's next code.
      await client.query('update sms_sends set created_at = $1', [
        new Date(Date.now() - 60_000).toISOString(),
      ]);
      const second = await Promise.all(
        phones.map((phone, i) =>
          verifiedSession(b.url, secretKey, planId, phone, `203.0.113.${i}`),
        ),
      );

      // Each pair pays at once, one session through each process; all the pairs together.
      const paid = await Promise.all(
        phones.map((_, i) =>
          Promise.all([
            pageCall(a.url, 'subscribe', first[i] ?? '', testPaymentMethod(), `198.51.100.${i}`),
            pageCall(b.url, 'subscribe', second[i] ?? '', testPaymentMethod(), `203.0.113.${i}`),
          ]),
        ),
      );
      for (const pair of paid) {
        expect(pair.map((answer) => answer.status)).toEqual([200, 200]);
        expect(pair.map((answer) => answer.body.status)).toEqual(['succeeded', 'succeeded']);
        // One customer, one subscription: the second session found the first's.
        expect(pair[1]?.body.customer_id).toBe(pair[0]?.body.customer_id);
        expect(pair[1]?.body.subscription_id).toBe(pair[0]?.body.subscription_id);
      }

      // What the processor charged, from its own ledger, and what the service recorded.
      const ledger = new SQLite(join(dataDir, 'test-processor.sqlite'), { readonly: true });
      try {
        expect(
          ledger.prepare("select count(*) as n from charges where status = 'succeeded'").get(),
        ).toEqual({ n: PAIRS });
      } finally {
        ledger.close();
      }
      const counted = await client.query(`select
        (select count(*)::int from payments where status = 'succeeded') as payments,
        (select count(*)::int from subscriptions where status = 'active') as subscriptions,
        (select count(*)::int from checkout_sessions where status = 'completed') as completed`);
      expect(counted.rows[0]).toEqual({
        payments: PAIRS,
        subscriptions: PAIRS,
        completed: 2 * PAIRS,
      });
    } finally {
      await client.end();
    }
  }, 120_000);
});
