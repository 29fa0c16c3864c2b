import { createUlid } from '@lava-checkout/protocol';
import { describe, expect, it } from 'vitest';
import { createMerchant } from '../merchants/createMerchant.ts';
import { PRO_PLAN } from '../merchants/PRO_PLAN.ts';
import { createId } from '../platform/createId.ts';
import { openPostgresDatabase } from '../platform/db/openPostgresDatabase.ts';
import { codeFrom, mintFor, pageCall } from '../testing/checkoutOverHttp.ts';
import { merchantApi, seedCatalog } from '../testing/merchantApi.ts';
import { spawnTwoOnPostgres } from '../testing/spawnTwoOnPostgres.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { DIALECTS } from '../testing/testDatabases.ts';

const PHONE = '+14155550100';
const MINUTE = 60_000;

describe.each(DIALECTS)('wrong codes for one phone, per merchant, on %s', (dialect) => {
  let sms: { to: string; body: string }[];

  /** The service, and merchant B beside the development merchant (A). */
  async function start() {
    sms = [];
    const service = await startTestServiceForTest({
      dialect,
      parts: { sms: { send: async (message) => void sms.push(message) } },
    });
    const { secretKey } = await createMerchant(service.service.services.db, {
      name: 'Merchant B',
      environment: 'test',
      now: new Date(service.clock.now),
    });
    const { plan } = await seedCatalog(merchantApi(service, secretKey));
    /**
     * A fresh session of merchant A (the development merchant) or B, with a code sent; first
     * past the resend cool-down and the 10-minute send limit of earlier codes, unless `now`.
     */
    const sessionWithCode = async (merchant: 'A' | 'B', now = false) => {
      if (!now) service.clock.now += 11 * MINUTE;
      const { secret } = await (merchant === 'A'
        ? service.mint()
        : service.mint({ plan_id: plan.plan_id }, secretKey));
      const sent = await service.post('phone', secret, { phone: PHONE });
      const code = sent.ok ? /\b(\d{6})\b/.exec(sms.at(-1)?.body ?? '')?.[1] : undefined;
      return { secret, sent, code, wrong: code === '000000' ? '111111' : '000000' };
    };
    return { service, sessionWithCode };
  }

  it('through merchant B do not lock the phone for merchant A, and B texts the locked phone nothing', async () => {
    const { service, sessionWithCode } = await start();
    let early: Awaited<ReturnType<typeof sessionWithCode>> | undefined;
    for (let session = 0; session < 5; session++) {
      const { secret, wrong } = await sessionWithCode('B');
      // Merchant A texts the phone a code just before B's last wrong codes.
      if (session === 4) early = await sessionWithCode('A', true);
      expect((await service.post('code', secret, { code: wrong })).status).toBe(422);
      const second = await service.post('code', secret, { code: wrong });
      // The tenth wrong code, in B's fifth session, locks the phone at B.
      expect(second.status).toBe(session < 4 ? 422 : 429);
    }
    // At A, the code sent before still verifies.
    expect((await service.post('code', early?.secret ?? '', { code: early?.code })).status).toBe(
      200,
    );
    const texts = sms.length;

    const atB = await sessionWithCode('B');
    expect(atB.sent.status).toBe(429);
    expect(await atB.sent.json()).toMatchObject({ error: { code: 'phone_locked' } });
    // 60 minutes from the lock, which came 11 minutes ago.
    expect(atB.sent.headers.get('retry-after')).toBe(String(49 * 60));
    expect(sms).toHaveLength(texts);

    // And a new session of A gets its code and verifies.
    const atA = await sessionWithCode('A');
    expect(atA.sent.status).toBe(200);
    expect(sms).toHaveLength(texts + 1);
    expect((await service.post('code', atA.secret, { code: atA.code })).status).toBe(200);
  });

  it('count where they were made: nine at merchant B and one at A lock the phone at neither', async () => {
    const { service, sessionWithCode } = await start();
    for (let session = 0; session < 5; session++) {
      const { secret, wrong } = await sessionWithCode('B');
      expect((await service.post('code', secret, { code: wrong })).status).toBe(422);
      if (session < 4)
        expect((await service.post('code', secret, { code: wrong })).status).toBe(422);
    }
    const atA = await sessionWithCode('A');
    expect((await service.post('code', atA.secret, { code: atA.wrong })).status).toBe(422);
    expect((await service.post('code', atA.secret, { code: atA.code })).status).toBe(200);
    const atB = await sessionWithCode('B');
    expect(atB.sent.status).toBe(200);
    expect((await service.post('code', atB.secret, { code: atB.code })).status).toBe(200);
  });

  it('lock the phone at their merchant: a code sent before is refused, and none is sent until the hour passes', async () => {
    const { service, sessionWithCode } = await start();
    let early: Awaited<ReturnType<typeof sessionWithCode>> | undefined;
    for (let session = 0; session < 5; session++) {
      // The last session's code goes out 30 s after another one, which stays unused.
      if (session === 4) early = await sessionWithCode('B');
      if (session === 4) service.clock.now += 30_000;
      const { secret, wrong } = await sessionWithCode('B', session === 4);
      await service.post('code', secret, { code: wrong });
      await service.post('code', secret, { code: wrong });
    }
    expect(early?.sent.status).toBe(200);
    const refused = await service.post('code', early?.secret ?? '', { code: early?.code });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'phone_locked' } });
    expect((await sessionWithCode('B')).sent.status).toBe(429);

    // The lock came 11 minutes ago: 49 minutes on, texts and codes work again.
    service.clock.now += 38 * MINUTE - 1000;
    const stillLocked = await sessionWithCode('B');
    expect(stillLocked.sent.status).toBe(429);
    service.clock.now += 1000 - 11 * MINUTE;
    const after = await sessionWithCode('B');
    expect(after.sent.status).toBe(200);
    expect((await service.post('code', after.secret, { code: after.code })).status).toBe(200);
  });
});

describe('a phone locked at one merchant, with two service processes on one PostgreSQL', () => {
  it('is locked there through either process, and free at another merchant through either', async () => {
    const { a, b, databaseUrl } = await spawnTwoOnPostgres();

    // Merchant B, and nine wrong codes its checkouts took for the phone a minute ago.
    const db = await openPostgresDatabase(databaseUrl);
    let merchantB: { secretKey: string; planId: string };
    try {
      const now = new Date();
      const created = await createMerchant(db, { name: 'Merchant B', environment: 'test', now });
      const planId = createId('sc', 'test');
      await db
        .insertInto('plans')
        .values({
          id: planId,
          merchant_id: created.merchantId,
          ...PRO_PLAN,
          created_at: now.toISOString(),
        })
        .execute();
      await db
        .insertInto('code_failures')
        .values(
          Array.from({ length: 9 }, () => ({
            id: `cf_${createUlid()}`,
            merchant_id: created.merchantId,
            phone: PHONE,
            created_at: new Date(now.getTime() - MINUTE).toISOString(),
          })),
        )
        .execute();
      merchantB = { secretKey: created.secretKey, planId };
    } finally {
      await db.destroy();
    }

    // The tenth, given through process B, locks the phone at merchant B.
    const first = await mintFor(a.url, merchantB.secretKey, merchantB.planId);
    expect((await pageCall(a.url, 'phone', first, { phone: PHONE })).status).toBe(200);
    const right = await codeFrom(a.url, PHONE);
    const wrong = right === '000000' ? '111111' : '000000';
    expect(await pageCall(b.url, 'code', first, { code: wrong })).toMatchObject({
      status: 429,
      body: { error: { code: 'phone_locked' } },
    });
    // Merchant B's checkouts text the phone nothing, through either process.
    for (const url of [a.url, b.url]) {
      const again = await mintFor(url, merchantB.secretKey, merchantB.planId);
      expect(await pageCall(url, 'phone', again, { phone: PHONE })).toMatchObject({
        status: 429,
        body: { error: { code: 'phone_locked' } },
      });
    }
    expect(await codeFrom(a.url, PHONE)).toBe(right);
    await expect(codeFrom(b.url, PHONE)).rejects.toThrow(/no code was texted/);

    // The development merchant's checkout texts and verifies the same phone, across both.
    const { secretKey, planId } = a.devMerchant;
    const atA = await mintFor(b.url, secretKey, planId);
    expect((await pageCall(b.url, 'phone', atA, { phone: PHONE })).status).toBe(200);
    const code = await codeFrom(b.url, PHONE);
    expect(await pageCall(a.url, 'code', atA, { code })).toMatchObject({ status: 200 });
  }, 60_000); // two processes start: on a loaded machine, that takes seconds
});
