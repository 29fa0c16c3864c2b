import { afterEach, describe, expect, it } from 'vitest';
import { createMerchant } from '../merchants/createMerchant.ts';
import { merchantApi, seedCatalog } from '../testing/merchantApi.ts';
import { startTestService, type TestService } from '../testing/startTestService.ts';
import { DIALECTS } from '../testing/testDatabases.ts';

const PHONE = '+1 415 555 0100';
const MINUTE = 60_000;

let t: TestService | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** A checkout merchant of its own on the service: sends a code to `phone` in a fresh session. */
type Merchant = (phone?: string) => Promise<{ status: number; code?: string; retryAfter?: string }>;

describe.each(DIALECTS)('codes to one phone, per merchant, on %s', (dialect) => {
  let sms: { to: string }[];
  let addresses: number;

  async function start() {
    sms = [];
    addresses = 0;
    // Behind a proxy we run: each send comes from an address of its own, so that only the
    // limits per phone are at work.
    t = await startTestService({
      dialect,
      config: { trustedProxies: 1 },
      parts: { sms: { send: async (message) => void sms.push(message) } },
    });
    return t;
  }

  async function merchant(service: TestService, name: string): Promise<Merchant> {
    const { secretKey } = await createMerchant(service.service.services.db, {
      name,
      environment: 'test',
      now: new Date(service.clock.now),
    });
    const { plan } = await seedCatalog(merchantApi(service, secretKey));
    return async (phone = PHONE) => {
      const { secret } = await service.mint({ plan_id: plan.plan_id }, secretKey);
      addresses += 1;
      const response = await service.post(
        'phone',
        secret,
        { phone },
        { 'x-forwarded-for': `198.51.100.${addresses}` },
      );
      const body = (await response.json()) as { error?: { code: string } };
      return {
        status: response.status,
        ...(body.error ? { code: body.error.code } : {}),
        ...(response.headers.has('retry-after')
          ? { retryAfter: response.headers.get('retry-after') ?? '' }
          : {}),
      };
    };
  }

  it("leave another merchant's 10 a day whole when one merchant has used its 10", async () => {
    const service = await start();
    const a = await merchant(service, 'Merchant A');
    const b = await merchant(service, 'Merchant B');
    for (let i = 0; i < 10; i++) {
      expect(await b()).toEqual({ status: 200 });
      service.clock.now += 11 * MINUTE;
    }
    expect(await b()).toMatchObject({ status: 429, code: 'too_many_sends' });
    for (let i = 0; i < 10; i++) {
      expect(await a()).toEqual({ status: 200 });
      service.clock.now += 11 * MINUTE;
    }
    expect(await a()).toMatchObject({ status: 429, code: 'too_many_sends' });
    expect(sms.filter((message) => message.to === '+14155550100')).toHaveLength(20);
  });

  it("keep each merchant's resend cool-down and 10-minute limit to itself", async () => {
    const service = await start();
    const a = await merchant(service, 'Merchant A');
    const b = await merchant(service, 'Merchant B');
    expect(await b()).toEqual({ status: 200 });
    // B's text a moment ago does not make A wait...
    expect(await a()).toEqual({ status: 200 });
    // ...while B's own next one does.
    expect(await b()).toEqual({ status: 429, code: 'resend_too_soon', retryAfter: '30' });
    service.clock.now += 30_000;
    expect(await b()).toEqual({ status: 200 });
    service.clock.now += 60_000;
    expect(await b()).toEqual({ status: 200 });
    service.clock.now += 2 * MINUTE;
    expect(await b()).toMatchObject({ status: 429, code: 'too_many_sends' });
    expect(await a()).toEqual({ status: 200 });
  });

  it('stop at 20 a day to one phone from all merchants together, and text nothing then', async () => {
    const service = await start();
    const merchants = [
      await merchant(service, 'Merchant A'),
      await merchant(service, 'Merchant B'),
      await merchant(service, 'Merchant C'),
    ];
    const [a, b, c] = merchants as [Merchant, Merchant, Merchant];
    const started = service.clock.now;
    for (let i = 0; i < 10; i++) {
      expect(await b()).toEqual({ status: 200 });
      expect(await c()).toEqual({ status: 200 });
      service.clock.now += 11 * MINUTE;
    }
    const refused = await a();
    // The first of the 20 leaves the day's window 24 hours after it was sent.
    expect(refused).toEqual({
      status: 429,
      code: 'too_many_sends',
      retryAfter: String((started + 24 * 60 * MINUTE - service.clock.now) / 1000),
    });
    expect(sms).toHaveLength(20);
    // Another phone is not held back.
    expect(await a('+1 415 555 0101')).toEqual({ status: 200 });
  });
});
