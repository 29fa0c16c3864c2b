import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { merchantApi, subscribedCustomer } from '../testing/merchantApi.ts';
import { providerSettingsFor } from '../testing/providerSettingsFor.ts';
import { type FakeProvider, startFakeProvider } from '../testing/startFakeProvider.ts';
import { startTestService, type TestService } from '../testing/startTestService.ts';

// Spend keys as gateway credentials: the key an OpenAI client sends as its API key, checked and
// counted by the gateway before anything goes upstream, billed to the key's scope.

const PHONE = '+14155550100';
let t: TestService;
let fake: FakeProvider;
let customerId: string;
let meterSlug: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  t = await startTestService({
    config: { providerSettings: providerSettingsFor(fake, ['OPENAI']) },
  });
  customerId = await subscribedCustomer(t, { phone: PHONE });
  const meters = await api()<{ data: { meter_slug: string }[] }>('GET', 'meters');
  meterSlug = meters.body.data[0]?.meter_slug ?? '';
});
afterAll(async () => {
  await t.close();
  await fake.close();
});

const api = () => merchantApi(t, t.devMerchant.secretKey);
const spendKey = async (settings: Record<string, unknown> = {}) => {
  const created = await api()<{ key: string; spend_key_id: string }>('POST', 'spend_keys', {
    name: 'Agent',
    ...settings,
  });
  expect(created.status).toBe(201);
  return created.body;
};
/** A chat completion as OpenAI's client sends it, with the spend key as its API key. */
const chat = (key: string, model = 'gpt-4o-mini') =>
  fetch(
    `${t.service.url}v1/forward?u=${encodeURIComponent('https://api.openai.com/v1/chat/completions')}`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 50 }),
    },
  );

async function settled(spendKeyId: string, requests: number) {
  for (let i = 0; i < 500; i++) {
    const key = await api()<{ current_requests: number; total_spend: string }>(
      'GET',
      `spend_keys/${spendKeyId}`,
    );
    if (key.body.current_requests >= requests && key.body.total_spend !== '0.0000000000') {
      return key.body;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('the call was not settled on its spend key');
}

describe('a spend key on the gateway', () => {
  it("bills a customer-scoped key's call to the customer's plan, and counts it on the key", async () => {
    const key = await spendKey({ customer_id: customerId, meter_slug: meterSlug });
    const answer = await chat(key.key);
    expect(answer.status).toBe(200);
    // The provider got the service's key, never the spend key.
    expect(JSON.stringify(fake.requests.at(-1)?.headers)).not.toContain(key.key);
    const counted = await settled(key.spend_key_id, 1);
    expect(counted.current_requests).toBe(1);
    const usage = await api()<{ totals: { total_requests: number } }>(
      'GET',
      `usage?start=${new Date(t.clock.now - 86_400_000).toISOString()}&customer_id=${customerId}`,
    );
    expect(usage.body.totals.total_requests).toBeGreaterThanOrEqual(1);
  });

  it('refuses, before the provider sees it, a key over its limits, outside its models, revoked or rotated', async () => {
    const before = fake.requestCount();
    const once = await spendKey({ request_limit: { count: 1, cycle: 'daily' } });
    expect((await chat(once.key)).status).toBe(200);
    const second = await chat(once.key);
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe(
      'request_limit_reached',
    );

    const tiny = await spendKey({ spend_limit: { amount: '0.000001', cycle: 'total' } });
    const spent = await chat(tiny.key);
    expect(spent.status).toBe(402);

    const narrow = await spendKey({ allowed_models: ['gpt-4o'] });
    expect((await chat(narrow.key)).status).toBe(403);

    const rated = await spendKey({ rate_limit: { rpm: 1 } });
    expect((await chat(rated.key)).status).toBe(200);
    const limited = await chat(rated.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');

    const rotating = await spendKey();
    const rotated = await api()<{ key: string }>(
      'POST',
      `spend_keys/${rotating.spend_key_id}/rotate`,
    );
    expect((await chat(rotating.key)).status).toBe(401);
    expect((await chat(rotated.body.key)).status).toBe(200);

    const revoking = await spendKey();
    expect((await api()('DELETE', `spend_keys/${revoking.spend_key_id}`)).status).toBe(200);
    expect((await chat(revoking.key)).status).toBe(401);

    const expiring = await spendKey({ expires_at: new Date(t.clock.now + 1000).toISOString() });
    t.clock.now += 1000;
    expect((await chat(expiring.key)).status).toBe(401);

    // Only the three admitted calls went upstream.
    expect(fake.requestCount() - before).toBe(3);
  });
});
