import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startTestService,
  type TestService,
  testPaymentMethod,
} from '../testing/startTestService.ts';

let t: TestService;
beforeEach(async () => {
  t = await startTestService();
});
afterEach(async () => {
  await t.close();
});

const getCustomer = (id: string, key: string) =>
  fetch(`${t.service.url}v1/customers/${id}`, { headers: { authorization: `Bearer ${key}` } });

async function subscribedCustomer(): Promise<string> {
  const { secret } = await t.mint();
  await t.post('phone', secret, { phone: '+1 415 555 0100' });
  await t.post('code', secret, { code: await t.latestCode() });
  const response = await t.post('subscribe', secret, testPaymentMethod());
  return ((await response.json()) as { customer_id: string }).customer_id;
}

describe('GET /v1/customers/:id', () => {
  it('returns the customer and its active subscription in the RestCustomer shape', async () => {
    const customerId = await subscribedCustomer();
    const response = await getCustomer(customerId, t.devMerchant.secretKey);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      customer_id: customerId,
      reference_id: null,
      contact: { phone: '+14155550100', email: null, first_name: null, last_name: null },
      subscription: {
        subscription_id: expect.stringMatching(/^sub_test_/),
        plan_id: t.devMerchant.planId,
        name: 'Pro Plan',
        status: 'active',
      },
      metadata: null,
      created_at: '2026-11-22T12:00:00.000Z',
    });
  });

  it('answers 401 to a missing or unknown key', async () => {
    const customerId = await subscribedCustomer();
    for (const key of ['', 'aks_test_unknownunknownunknown']) {
      const response = await getCustomer(customerId, key);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    }
  });

  it('answers 404 for a customer id it does not know', async () => {
    const response = await getCustomer(
      'con_test_01KK2NQPKARMY7D3HK65C2ZSYK',
      t.devMerchant.secretKey,
    );
    expect(response.status).toBe(404);
  });
});

describe('GET /v1/checkout_sessions/:id', () => {
  const getSession = (id: string, key = t.devMerchant.secretKey) =>
    fetch(`${t.service.url}v1/checkout_sessions/${id}`, {
      headers: { authorization: `Bearer ${key}` },
    });

  it('reports an opened session as not completed, with no customer yet', async () => {
    const session = await t.mint();
    await fetch(`${t.service.url}embed/checkout/${session.secret}`);
    const response = await getSession(session.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      checkout_session_id: session.id,
      checkout_mode: 'subscription',
      origin_url: 'http://localhost:4000',
      plan_id: t.devMerchant.planId,
      customer_id: null,
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
      completed_at: null,
    });
  });

  it('names the customer of a completed session: the id a merchant should trust', async () => {
    const session = await t.mint();
    await t.post('phone', session.secret, { phone: '+1 415 555 0100' });
    await t.post('code', session.secret, { code: await t.latestCode() });
    const subscribed = (await (
      await t.post('subscribe', session.secret, testPaymentMethod())
    ).json()) as { customer_id: string };
    expect(await (await getSession(session.id)).json()).toMatchObject({
      customer_id: subscribed.customer_id,
      completed_at: '2026-11-22T12:00:00.000Z',
    });
  });

  it('answers 404 for a session never opened, and 401 without the key', async () => {
    const session = await t.mint();
    expect((await getSession(session.id)).status).toBe(404);
    expect((await getSession(session.id, 'aks_test_unknownunknownunknown')).status).toBe(401);
  });
});
