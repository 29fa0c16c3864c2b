import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../testing/startTestService.ts';

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
  const response = await t.post('subscribe', secret, {
    card_number: '4242424242424242',
    expiry: '12/34',
    cvc: '123',
  });
  return ((await response.json()) as { customer_id: string }).customer_id;
}

describe('GET /v1/customers/:id', () => {
  it('returns the customer and its active subscription in the RestCustomer shape', async () => {
    const customerId = await subscribedCustomer();
    const response = await getCustomer(customerId, t.service.devMerchant.secretKey);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      customer_id: customerId,
      reference_id: null,
      contact: { phone: '+14155550100', email: null, first_name: null, last_name: null },
      subscription: {
        subscription_id: expect.stringMatching(/^sub_test_/),
        plan_id: t.service.devMerchant.planId,
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
      t.service.devMerchant.secretKey,
    );
    expect(response.status).toBe(404);
  });
});
