import { Lava } from '@lavapayments/nodejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthCode } from '../signIn/createAuthCode.ts';
import { expectPublishedShape } from '../testing/expectPublishedShape.ts';
import { merchantApi } from '../testing/merchantApi.ts';
import { startTestService, type TestService } from '../testing/startTestService.ts';

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => {
  await t.close();
});

const now = () => new Date(t.clock.now);

describe('POST /v1/auth/callback', () => {
  it("gives a secret key code's credentials to Lava.exchangeAuthCode, once", async () => {
    const code = await createAuthCode(
      t.service.services.db,
      {
        merchant_id: t.devMerchant.merchantId,
        purpose: 'secret_key',
        customer_id: null,
        meter_id: null,
      },
      now(),
    );
    const baseUrl = `${t.service.url}v1/`;
    const credentials = await Lava.exchangeAuthCode({ code, baseUrl });
    expectPublishedShape('RestAuthCredentials', credentials);
    expect(credentials.merchant_id).toBe(t.devMerchant.merchantId);
    // The key it gave opens the merchant API.
    expect((await merchantApi(t, credentials.secret_key)('GET', 'meters')).status).toBe(200);
    await expect(Lava.exchangeAuthCode({ code, baseUrl })).rejects.toThrow(/400/);
  });

  it('gives a spend key code a spend key, and refuses an expired code', async () => {
    const db = t.service.services.db;
    const grant = {
      merchant_id: t.devMerchant.merchantId,
      purpose: 'spend_key' as const,
      customer_id: null,
      meter_id: null,
    };
    const code = await createAuthCode(db, grant, now());
    const api = merchantApi(t, null);
    const answer = await api<{ spend_key: { key: string; spend_key_id: string } }>(
      'POST',
      'auth/callback',
      { code },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.spend_key.key).toMatch(/^lsk_test_/);
    const old = await createAuthCode(db, grant, new Date(t.clock.now - 11 * 60_000));
    expect((await api('POST', 'auth/callback', { code: old })).status).toBe(400);
  });
});
