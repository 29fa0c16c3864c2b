import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { createCheckoutSession } from '@lava-checkout/server';
import { afterEach, describe, expect, it } from 'vitest';
import { mintFor, pageCall } from '../testing/checkoutOverHttp.ts';
import { merchantApi, seedCatalog } from '../testing/merchantApi.ts';
import { PROCESS_TEST_BUDGET_MS, runServiceCommand } from '../testing/runServiceCommand.ts';
import { type ServiceProcess, spawnService } from '../testing/spawnService.ts';
import { TEST_ORIGIN, type TestService, writeTestPage } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { createPostgresDatabase, DIALECTS } from '../testing/testDatabases.ts';
import { createMerchant } from './createMerchant.ts';
import { rotateSecretKey } from './rotateSecretKey.ts';

const MINUTE = 60_000;

const processes: ServiceProcess[] = [];
afterEach(async () => {
  for (const running of processes.splice(0)) await running.kill();
});

/** Runs the keys command (`pnpm keys ...`) in a process of its own, as an operator does. */
const runKeysCommand = (args: string[], env: Record<string, string>) =>
  runServiceCommand('keys.ts', args, env);

/** Creates the merchant Acme in `environment` on the test service's database, at its clock. */
const createAcme = (service: TestService, environment: 'live' | 'test') =>
  createMerchant(service.service.services.db, {
    name: 'Acme',
    environment,
    now: new Date(service.clock.now),
  });

describe.each(DIALECTS)('keys on %s', (dialect) => {
  it('creates a merchant whose key opens the API; rotation keeps the old key for its grace period only', async () => {
    const service = await startTestServiceForTest({ dialect });
    const db = service.service.services.db;
    const now = () => new Date(service.clock.now);
    const { merchantId, secretKey: oldKey } = await createAcme(service, 'live');
    expect(oldKey).toMatch(/^aks_live_[A-Za-z0-9_-]{43}$/);
    const oldApi = merchantApi(service, oldKey);
    expect((await oldApi('GET', 'meters')).status).toBe(200);
    expect(JSON.stringify(await db.selectFrom('secret_keys').selectAll().execute())).not.toContain(
      oldKey,
    );

    const { secretKey: newKey } = await rotateSecretKey(db, {
      merchantId,
      graceMs: 60 * MINUTE,
      now: now(),
    });
    const newApi = merchantApi(service, newKey);
    service.clock.now += 59 * MINUTE;
    expect((await oldApi('GET', 'meters')).status).toBe(200);
    expect((await newApi('GET', 'meters')).status).toBe(200);
    service.clock.now += 2 * MINUTE;
    expect((await oldApi('GET', 'meters')).status).toBe(401);
    expect((await newApi('GET', 'meters')).status).toBe(200);
  });

  it('opens the sessions the service saw before the old key retired until they expire, and none it first sees after', async () => {
    const service = await startTestServiceForTest({ dialect });
    const db = service.service.services.db;
    const now = () => new Date(service.clock.now);
    const { merchantId, secretKey: oldKey } = await createAcme(service, 'test');
    const { plan } = await seedCatalog(merchantApi(service, oldKey));
    const { secretKey: newKey } = await rotateSecretKey(db, {
      merchantId,
      graceMs: 60 * MINUTE,
      now: now(),
    });
    const open = async (secret: string) =>
      (await fetch(`${service.service.url}embed/checkout/${secret}`)).status;

    service.clock.now += 55 * MINUTE;
    const opened = await service.mint({ plan_id: plan.plan_id }, oldKey);
    expect(await open(opened.secret)).toBe(200);
    // Signed in the grace period too, but first seen after it.
    const unopened = await service.mint({ plan_id: plan.plan_id }, oldKey);
    service.clock.now += 10 * MINUTE; // the old key no longer opens the API...
    expect((await merchantApi(service, oldKey)('GET', 'meters')).status).toBe(401);
    expect(await open(opened.secret)).toBe(200); // ...but what the service saw in time still opens
    expect(await open(unopened.secret)).toBe(404);
    const afterGrace = await service.mint({ plan_id: plan.plan_id }, oldKey);
    expect(await open(afterGrace.secret)).toBe(404);
    const fresh = await service.mint({ plan_id: plan.plan_id }, newKey);
    expect(await open(fresh.secret)).toBe(200);
    service.clock.now += 50 * MINUTE + 1000; // 60 minutes after it was minted
    expect(await open(opened.secret)).toBe(410);
  });

  it('signs nothing with a key retired with no grace, whatever time the session says it was signed', async () => {
    const sms: { to: string }[] = [];
    const service = await startTestServiceForTest({
      dialect,
      parts: { sms: { send: async (message) => void sms.push(message) } },
    });
    const db = service.service.services.db;
    const { merchantId, secretKey: oldKey } = await createAcme(service, 'test');
    const { plan } = await seedCatalog(merchantApi(service, oldKey));
    const mint = async (signedAt: number) => {
      const session = await createCheckoutSession(
        { checkout_mode: 'subscription', origin_url: TEST_ORIGIN, plan_id: plan.plan_id },
        { secretKey: oldKey, checkoutUrl: service.service.url, now: () => signedAt },
      );
      const decoded = decodeCheckoutToken(session.checkout_session_token);
      if (!decoded.ok) throw new Error(decoded.message);
      return decoded.token.secret;
    };
    // A session the service has seen, so the old key is in its cache too.
    const seen = await mint(service.clock.now);
    expect((await fetch(`${service.service.url}embed/checkout/${seen}`)).status).toBe(200);
    // Signed now, a minute ago, and backdated 59 minutes, before the rotation; signed after it.
    const signedBefore = await Promise.all(
      [0, 1, 59].map((minutes) => mint(service.clock.now - minutes * MINUTE)),
    );

    await rotateSecretKey(db, { merchantId, graceMs: 0, now: new Date(service.clock.now) });
    service.clock.now += 1000;
    const signedAfter = await mint(service.clock.now);

    for (const secret of [...signedBefore, signedAfter]) {
      expect((await fetch(`${service.service.url}embed/checkout/${secret}`)).status).toBe(404);
      const sent = await service.post('phone', secret, { phone: '+1 415 555 0100' });
      expect(sent.status).toBe(401);
      expect(await sent.json()).toMatchObject({ error: { code: 'session_invalid' } });
    }
    expect(sms).toHaveLength(0);
    // What the service saw before the rotation goes on until it expires.
    expect((await service.post('phone', seen, { phone: '+1 415 555 0100' })).status).toBe(200);
  });

  it(
    "follows another process's rotation at once: the keys command retires the key in use",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
      const databaseUrl = dialect === 'postgres' ? await createPostgresDatabase() : undefined;
      const running = await spawnService({
        dataDir,
        pageDir: writeTestPage(),
        ...(databaseUrl ? { databaseUrl } : {}),
      });
      processes.push(running);
      const { merchantId, secretKey, planId } = running.devMerchant;
      const open = async (secret: string) =>
        (await fetch(`${running.url}embed/checkout/${secret}`)).status;
      // The service opens a session, and so keeps the key; two more are signed, one backdated.
      const seen = await mintFor(running.url, secretKey, planId);
      expect(await open(seen)).toBe(200);
      const signedNow = await mintFor(running.url, secretKey, planId);
      const backdated = await mintFor(running.url, secretKey, planId, Date.now() - 59 * MINUTE);

      const rotated = await runKeysCommand(
        ['rotate', '--merchant', merchantId, '--grace-hours', '0'],
        databaseUrl ? { DATABASE_URL: databaseUrl } : { LAVA_DATA_DIR: dataDir },
      );
      expect(rotated.code).toBe(0);
      const newKey = /New secret key for \S+: (aks_test_\S+)/.exec(rotated.output)?.[1] ?? '';

      expect(await open(signedNow)).toBe(404);
      expect(await open(backdated)).toBe(404);
      expect(
        await pageCall(running.url, 'phone', backdated, { phone: '+14155550100' }),
      ).toMatchObject({ status: 401, body: { error: { code: 'session_invalid' } } });
      expect(await open(seen)).toBe(200);
      expect(await open(await mintFor(running.url, newKey, planId))).toBe(200);
    },
    PROCESS_TEST_BUDGET_MS,
  );

  it('says which merchant is unknown', async () => {
    const t = await startTestServiceForTest({ dialect });
    await expect(
      rotateSecretKey(t.service.services.db, { merchantId: 'mer_nope', now: new Date() }),
    ).rejects.toThrow(/no merchant mer_nope\. Pass the merchant id that "keys create" printed\./);
  });
});
