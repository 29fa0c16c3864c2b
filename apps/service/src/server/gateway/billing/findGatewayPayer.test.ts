import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import { gatewayServiceEachTest } from '../../testing/gatewayServiceEachTest.ts';
import { subscribedCustomer } from '../../testing/merchantApi.ts';

const PHONE = '+14155550100';
const { t, fake } = gatewayServiceEachTest();

const subscriber = () => subscribedCustomer(t, { phone: PHONE });

const api = (key: string, method: string, path: string, body?: unknown) =>
  fetch(`${t.service.url}v1/${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('what a gateway call is billed to, read at each call', () => {
  it('takes a changed plan, a changed meter price and a revoked key into account from the next call on', async () => {
    const secretKey = t.devMerchant.secretKey;
    const lava = new Lava(secretKey, { baseUrl: `${t.service.url}v1/` });
    const token = lava.generateForwardToken({
      customer_id: await subscriber(),
      meter_slug: 'ai-chat-tokens',
    });
    const call = async () => {
      const response = await fetch(`${lava.providers.openai}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
      });
      const body = (await response.json()) as { error?: { code: string } };
      return {
        status: response.status,
        code: body.error?.code,
        requestId: response.headers.get('x-lava-request-id'),
      };
    };
    const chargeOf = async (requestId: string | null) => {
      // Recorded just after the answer.
      for (;;) {
        const response = await api(secretKey, 'GET', `requests/${requestId}`);
        if (response.status === 200) {
          return ((await response.json()) as { charge: { amount: string } }).charge.amount;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const first = await call();
    expect(first.status).toBe(200);
    const firstCharge = await chargeOf(first.requestId);

    // The plan loses the meter: refused at once; it gets it back: billed again.
    const [meter] = t.rows('meters') as { id: string }[];
    const planId = t.devMerchant.planId;
    expect((await api(secretKey, 'PATCH', `plans/${planId}`, { meter_ids: [] })).status).toBe(200);
    expect(await call()).toMatchObject({ status: 403, code: 'meter_not_on_plan' });
    const relinked = await api(secretKey, 'PATCH', `plans/${planId}`, { meter_ids: [meter?.id] });
    expect(relinked.status).toBe(200);

    // The meter's rate doubles: the next call is charged twice as much.
    const rest = (await (await api(secretKey, 'GET', `meters/${meter?.id}`)).json()) as {
      tiers: { start: number; rate: string; type: string }[];
    };
    const doubled = rest.tiers.map((tier) => ({
      start: String(tier.start),
      rate: String(Number(tier.rate) * 2),
    }));
    const patched = await api(secretKey, 'PATCH', `meters/${meter?.id}`, { tiers: doubled });
    expect(patched.status).toBe(200);
    const dearer = await call();
    expect(dearer.status).toBe(200);
    expect(Number(await chargeOf(dearer.requestId))).toBeCloseTo(Number(firstCharge) * 2, 12);

    // The secret key inside the token is revoked (another key does the revoking).
    const created = await api(secretKey, 'POST', 'secret_keys', { name: 'Next' });
    const next = ((await created.json()) as { secret_key: string }).secret_key;
    const keys = (await (await api(next, 'GET', 'secret_keys')).json()) as {
      data: { secret_key_id: string; name: string }[];
    };
    const old = keys.data.find((key) => key.name !== 'Next');
    expect((await api(next, 'DELETE', `secret_keys/${old?.secret_key_id}`)).status).toBe(200);
    expect(await call()).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(fake.requestCount()).toBe(2);
  });
});
