import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MerchantApi,
  merchantApi,
  otherMerchant,
  seedCatalog,
  subscribedCustomer,
} from '../testing/merchantApi.ts';
import { startTestService, type TestService } from '../testing/startTestService.ts';

// Every endpoint of the REST API refuses a missing or wrong key, and answers 404 for the ids
// of another merchant, whose records do not exist for it. One service and one set of records
// for the whole file: these tests only read, or change nothing.
let t: TestService;
let api: MerchantApi;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await startTestService();
  api = merchantApi(t, t.devMerchant.secretKey);
  const { meter, plan } = await seedCatalog(api);
  const customerId = await subscribedCustomer(t, { planId: plan.plan_id });
  const subscriptions = await api<{ data: { subscription_id: string }[] }>('GET', 'subscriptions');
  const webhook = await api('POST', 'webhooks', {
    name: 'Orders',
    url: 'https://example.com/hook',
  });
  await api('POST', 'requests', {
    request_id: 'req_1',
    customer_id: customerId,
    meter_slug: meter.meter_slug,
    input_tokens: 10,
  });
  const session = await api('POST', 'checkout_sessions', {
    checkout_mode: 'subscription',
    origin_url: 'https://yourapp.com',
    plan_id: plan.plan_id,
  });
  ids = {
    meter: meter.meter_id,
    meterSlug: meter.meter_slug,
    plan: plan.plan_id,
    bundle: plan.credit_bundles[0]?.credit_bundle_id ?? '',
    customer: customerId,
    subscription: subscriptions.body.data[0]?.subscription_id ?? '',
    webhook: String(webhook.body.webhook_id),
    session: String(session.body.checkout_session_id),
  };
});
afterAll(async () => {
  await t.close();
});

const ENDPOINTS: [string, string][] = [
  ['POST', 'meters'],
  ['GET', 'meters'],
  ['GET', 'meters/:meter'],
  ['PATCH', 'meters/:meter'],
  ['DELETE', 'meters/:meter'],
  ['POST', 'plans'],
  ['GET', 'plans'],
  ['GET', 'plans/:plan'],
  ['PATCH', 'plans/:plan'],
  ['DELETE', 'plans/:plan'],
  ['GET', 'credit_bundles'],
  ['GET', 'credit_bundles/:bundle'],
  ['POST', 'checkout_sessions'],
  ['GET', 'checkout_sessions/:session'],
  ['POST', 'customers'],
  ['GET', 'customers'],
  ['GET', 'customers/:customer'],
  ['PATCH', 'customers/:customer'],
  ['DELETE', 'customers/:customer'],
  ['GET', 'customers/:customer/subscription'],
  ['GET', 'subscriptions'],
  ['PATCH', 'subscriptions/:subscription'],
  ['DELETE', 'subscriptions/:subscription'],
  ['POST', 'requests'],
  ['GET', 'requests'],
  ['GET', 'requests/req_1'],
  ['GET', 'usage?start=2026-11-01'],
  ['POST', 'webhooks'],
  ['GET', 'webhooks'],
  ['GET', 'webhooks/:webhook'],
  ['PATCH', 'webhooks/:webhook'],
  ['DELETE', 'webhooks/:webhook'],
];
const fill = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? name);

describe('the REST API refuses calls without the merchant key', () => {
  it.each(ENDPOINTS)(
    '%s /v1/%s: 401 with no key, a wrong key or another scheme',
    async (method, path) => {
      for (const authorization of [
        null,
        'Bearer aks_test_wrongwrongwrongwrongwrong',
        'Bearer sk_test_notalavakey0123456789',
        `Basic ${t.devMerchant.secretKey}`,
      ]) {
        const headers = authorization === null ? {} : { authorization };
        const answer = await merchantApi(t, null)(
          method,
          fill(path),
          method === 'GET' || method === 'DELETE' ? undefined : {},
          headers,
        );
        expect(answer.status).toBe(401);
        expect(answer.body).toEqual({
          error: {
            code: 'invalid_api_key',
            message: expect.stringMatching(/^Lava Checkout: missing or unknown secret key\. .+\.$/),
          },
        });
      }
    },
  );
});

describe("another merchant's ids answer 404, and nothing of theirs changes", () => {
  let other: MerchantApi;
  beforeAll(async () => {
    other = (await otherMerchant(t)).api;
  });

  it.each(ENDPOINTS.filter(([, path]) => path.includes(':') || path.includes('req_1')))(
    '%s /v1/%s',
    async (method, path) => {
      const before =
        method === 'GET' ? null : await api('GET', fill(path).replace(/\/subscription$/, ''));
      const body =
        method !== 'PATCH'
          ? undefined
          : path.startsWith('subscriptions')
            ? { auto_top_up_bundle_id: null }
            : { name: 'Taken over' };
      const answer = await other(method, fill(path), body);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ error: { code: 'not_found' } });
      if (before && !path.startsWith('subscriptions')) {
        expect(await api('GET', fill(path))).toMatchObject({ status: 200, body: before.body });
      }
    },
  );

  it.each([
    [
      'POST',
      'plans',
      'meter_ids.0',
      () => ({
        name: 'P',
        period_amount: '1.00',
        billing_interval: 'month',
        meter_ids: [ids.meter],
      }),
    ],
    [
      'POST',
      'checkout_sessions',
      'plan_id',
      () => ({ checkout_mode: 'subscription', origin_url: 'https://a.com', plan_id: ids.plan }),
    ],
    [
      'POST',
      'checkout_sessions',
      'customer_id',
      () => ({
        checkout_mode: 'credit_bundle',
        origin_url: 'https://a.com',
        customer_id: ids.customer,
        credit_bundle_id: ids.bundle,
      }),
    ],
    [
      'POST',
      'requests',
      'customer_id',
      () => ({ request_id: 'r', customer_id: ids.customer, meter_slug: 'x' }),
    ],
  ] as const)('%s /v1/%s naming their record in %s', async (method, path, param, body) => {
    const answer = await other(method, path, body());
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: 'not_found', param } });
  });

  it.each([
    ['usage?start=2026-11-01&customer_id='],
    ['requests?customer_id='],
    ['subscriptions?customer_id='],
  ])('GET /v1/%s<their customer>', async (path) => {
    const answer = await other('GET', `${path}${ids.customer}`);
    expect(answer.status).toBe(404);
  });

  it('lists none of their records', async () => {
    // Their own Free plan, which every merchant has, and nothing of ours.
    expect((await other('GET', 'plans')).body).toEqual({
      data: [expect.objectContaining({ name: 'Free', period_amount: '0.00' })],
      has_more: false,
    });
    for (const list of [
      'meters',
      'credit_bundles',
      'customers',
      'subscriptions',
      'requests',
      'webhooks',
    ]) {
      expect((await other('GET', list)).body).toEqual({ data: [], has_more: false });
    }
    expect((await other('GET', 'usage?start=2026-11-01')).body).toMatchObject({
      totals: { total_requests: 0 },
    });
  });
});
