import { afterEach, describe, expect, it } from 'vitest';
import { merchantApi, seedCatalog } from '../testing/merchantApi.ts';
import { startTestService, type TestService } from '../testing/startTestService.ts';
import { DIALECTS } from '../testing/testDatabases.ts';
import { createMerchant } from './createMerchant.ts';
import { rotateSecretKey } from './rotateSecretKey.ts';

const MINUTE = 60_000;
let t: TestService | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe.each(DIALECTS)('keys on %s', (dialect) => {
  it('creates a merchant whose key opens the API; rotation keeps the old key for its grace period only', async () => {
    t = await startTestService({ dialect });
    const service = t;
    const db = service.service.services.db;
    const now = () => new Date(service.clock.now);
    const { merchantId, secretKey: oldKey } = await createMerchant(db, {
      name: 'Acme',
      environment: 'live',
      now: now(),
    });
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

  it('opens sessions the old key signed during its grace period until they expire, and none signed after', async () => {
    t = await startTestService({ dialect });
    const service = t;
    const db = service.service.services.db;
    const now = () => new Date(service.clock.now);
    const { merchantId, secretKey: oldKey } = await createMerchant(db, {
      name: 'Acme',
      environment: 'test',
      now: now(),
    });
    const { plan } = await seedCatalog(merchantApi(service, oldKey));
    const { secretKey: newKey } = await rotateSecretKey(db, {
      merchantId,
      graceMs: 60 * MINUTE,
      now: now(),
    });
    const open = async (secret: string) =>
      (await fetch(`${service.service.url}embed/checkout/${secret}`)).status;

    service.clock.now += 30 * MINUTE;
    const inGrace = await service.mint({ plan_id: plan.plan_id }, oldKey);
    service.clock.now += 35 * MINUTE; // the old key no longer opens the API...
    expect((await merchantApi(service, oldKey)('GET', 'meters')).status).toBe(401);
    expect(await open(inGrace.secret)).toBe(200); // ...but what it signed in time still opens
    const afterGrace = await service.mint({ plan_id: plan.plan_id }, oldKey);
    expect(await open(afterGrace.secret)).toBe(404);
    const fresh = await service.mint({ plan_id: plan.plan_id }, newKey);
    expect(await open(fresh.secret)).toBe(200);
    service.clock.now += 25 * MINUTE + 1000; // 60 minutes after it was minted
    expect(await open(inGrace.secret)).toBe(410);
  });

  it('says which merchant is unknown', async () => {
    t = await startTestService({ dialect });
    await expect(
      rotateSecretKey(t.service.services.db, { merchantId: 'mer_nope', now: new Date() }),
    ).rejects.toThrow(/no merchant mer_nope\. Pass the merchant id that "keys create" printed\./);
  });
});
