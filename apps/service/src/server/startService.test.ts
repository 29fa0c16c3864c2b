import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startService } from './startService.ts';
import { testConfig, testPaymentMethod, writeTestPage } from './testing/startTestService.ts';
import { startTestServiceForTest } from './testing/startTestServiceForTest.ts';

describe('startService', () => {
  it('creates the test merchant, its key, the seeds plan and the Free plan on first start, and keeps them', async () => {
    const t = await startTestServiceForTest();
    const { devMerchant } = t;
    expect(devMerchant.secretKey).toMatch(/^aks_test_[A-Za-z0-9_-]{43}$/);
    const kept = join(t.dataDir, 'dev-merchant.json');
    expect(JSON.parse(readFileSync(kept, 'utf8'))).toEqual(devMerchant);
    expect(statSync(kept).mode & 0o777).toBe(0o600);
    expect(t.rows('plans')).toEqual([
      expect.objectContaining({
        name: 'Pro Plan',
        period_amount: '49.00',
        billing_interval: 'month',
        included_credit: '25.00',
        is_free: 0,
      }),
      expect.objectContaining({
        name: 'Free',
        period_amount: '0.00',
        billing_interval: 'month',
        included_credit: '0.00',
        is_free: 1,
      }),
    ]);
    expect(t.rows('meters')).toEqual([
      expect.objectContaining({
        name: 'AI Chat Tokens',
        tier_type: 'tokens_1m',
        tiers: '[{"start":"0","rate":"3.00"}]',
      }),
    ]);
    expect(t.rows('credit_bundles').map((b) => [b.name, b.cost, b.credit_amount])).toEqual([
      ['$25 Top-up', '25.00', '25.00'],
      ['$100 Top-up', '100.00', '100.00'],
    ]);
    expect(JSON.stringify(t.rows('secret_keys'))).not.toContain(devMerchant.secretKey);

    await t.restart();
    expect(t.devMerchant).toEqual(devMerchant);
    expect(t.rows('plans')).toHaveLength(2);
  });

  it('keeps customers, subscriptions and completed sessions across a restart', async () => {
    const t = await startTestServiceForTest();
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: '+1 415 555 0100' });
    await t.post('code', secret, { code: await t.latestCode() });
    const { customer_id } = (await (
      await t.post('subscribe', secret, testPaymentMethod())
    ).json()) as { customer_id: string };

    await t.restart();
    const response = await fetch(`${t.service.url}v1/customers/${customer_id}`, {
      headers: { authorization: `Bearer ${t.devMerchant.secretKey}` },
    });
    expect(await response.json()).toMatchObject({
      customer_id,
      subscription: { status: 'active', name: 'Pro Plan' },
    });
    expect((await fetch(`${t.service.url}embed/checkout/${secret}`)).status).toBe(409);
  });

  it('uses LAVA_SECRET_KEY when given', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    const secretKey = 'aks_test_from_the_environment_0123';
    const service = await startService({
      config: testConfig({ dataDir, pageDir: writeTestPage() }, { devSecretKey: secretKey }),
      parts: { log: () => {} },
    });
    await service.close();
    expect(service.devMerchant?.secretKey).toBe(secretKey);
  });

  it('refuses to start without a built page, and says how to build it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    await expect(
      startService({ config: testConfig({ dataDir, pageDir: join(dataDir, 'nope') }) }),
    ).rejects.toThrow(
      /checkout page is not built .+ Run "pnpm --filter @lava-checkout\/service build" first/,
    );
    expect(existsSync(join(dataDir, 'checkout.sqlite'))).toBe(false);
  });
});
