import { beforeEach, describe, expect, it } from 'vitest';
import { expectQueryRefused } from '../../testing/expectQueryRefused.ts';
import { merchantApiEachTest, seedCatalog, subscribedCustomer } from '../../testing/merchantApi.ts';

const { t, api } = merchantApiEachTest();
let meter: Awaited<ReturnType<typeof seedCatalog>>['meter'];
let customerId: string;
beforeEach(async () => {
  ({ meter } = await seedCatalog(api, ''));
  const plan = (await api<{ data: { plan_id: string; name: string }[] }>('GET', 'plans')).body
    .data[0];
  customerId = await subscribedCustomer(t, { planId: plan?.plan_id ?? '' });
});

const record = (body: Record<string, unknown>) =>
  api('POST', 'requests', { customer_id: customerId, meter_slug: meter.meter_slug, ...body });

describe('POST /v1/requests', () => {
  it('prices usage by the tiers, draws it from the included credit, and answers a RestRequest', async () => {
    const answer = await record({
      request_id: 'req_1',
      input_tokens: 1200,
      output_tokens: 300,
      metadata: { feature: 'chat' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      request_id: 'req_1',
      status: 'completed',
      customer_id: customerId,
      meter_id: meter.meter_id,
      provider: 'custom',
      provider_key_type: 'unmanaged',
      endpoint: '',
      model_usage: {
        input_tokens: 1200,
        output_tokens: 300,
        total_tokens: 1500,
        input_characters: 0,
        output_characters: 0,
        total_characters: 0,
        input_seconds: 0,
        output_seconds: 0,
        total_seconds: 0,
        input_cost: '0.0000000000',
        output_cost: '0.0000000000',
        total_cost: '0.0000000000',
      },
      cost: '0.0000000000',
      charge: {
        amount: '0.0045000000',
        rate_type: 'fixed',
        breakdown: [
          {
            tier: { start: 0, rate: '3.00', type: 'tokens_1m' },
            tokens: 1500,
            characters: 0,
            seconds: 0,
            cost: '0.0045000000',
          },
        ],
      },
      metadata: { feature: 'chat' },
      timestamp: '2026-11-22T12:00:00.000Z',
      created_at: '2026-11-22T12:00:00.000Z',
    });
    expect((await api('GET', `customers/${customerId}/subscription`)).body).toMatchObject({
      subscription: { credits: { cycle_remaining: '24.9955', total_remaining: '24.9955' } },
    });
  });

  it('draws no more credit than is left: the rest stays charged', async () => {
    await record({ request_id: 'big', input_tokens: 10_000_000 });
    expect((await api('GET', `customers/${customerId}/subscription`)).body).toMatchObject({
      subscription: { credits: { cycle_remaining: '0.00', total_remaining: '0.00' } },
    });
    expect((await api('GET', 'requests/big')).body).toMatchObject({
      charge: { amount: '30.0000000000' },
    });
  });

  it('is idempotent on request_id: the same request returns the first record, another is refused', async () => {
    const first = await record({ request_id: 'req_1', input_tokens: 10 });
    t.clock.now += 1000;
    expect(await record({ request_id: 'req_1', input_tokens: 10 })).toMatchObject({
      status: 200,
      body: first.body,
    });
    expect(await record({ request_id: 'req_1', input_tokens: 11 })).toMatchObject({
      status: 409,
      body: { error: { code: 'request_id_conflict', param: 'request_id' } },
    });
    expect(t.rows('usage_requests')).toHaveLength(1);
  });

  it.each([
    ['request_id', { request_id: undefined }, 400],
    ['request_id', { request_id: 'has space' }, 400],
    ['customer_id', { customer_id: undefined }, 400],
    ['customer_id', { customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK' }, 404],
    ['meter_slug', { meter_slug: 'no-such-meter' }, 404],
    ['input_tokens', { input_tokens: -1 }, 400],
    ['output_tokens', { output_tokens: 1.5 }, 400],
    ['input_seconds', { input_seconds: '5' }, 400],
    ['metadata.bad key', { metadata: { 'bad key': 'x' } }, 400],
    ['metadata.k', { metadata: { k: '' } }, 400],
    ['model', { model: 'gpt' }, 400],
  ])('refuses a bad %s, naming it, and records nothing', async (param, body, status) => {
    const refused = await record({ request_id: 'r', ...body });
    expect(refused.status).toBe(status);
    expect((refused.body as { error: { param: string } }).error.param).toBe(param);
    expect(t.rows('usage_requests')).toHaveLength(0);
  });
});

describe('GET /v1/requests and /v1/requests/:id', () => {
  it('lists newest first, filtered by customer, meter and metadata', async () => {
    await record({ request_id: 'a', input_tokens: 1, metadata: { feature: 'chat' } });
    await record({ request_id: 'b', input_tokens: 2, metadata: { feature: 'search' } });
    await record({ request_id: 'c', input_tokens: 3, metadata: { feature: 'chat' } });
    const ids = async (query: string) =>
      (await api<{ data: { request_id: string }[] }>('GET', `requests${query}`)).body.data.map(
        (r) => r.request_id,
      );
    expect(await ids('')).toEqual(['c', 'b', 'a']);
    expect(await ids(`?customer_id=${customerId}&meter_id=${meter.meter_id}`)).toEqual([
      'c',
      'b',
      'a',
    ]);
    const filters = encodeURIComponent(JSON.stringify(Object.entries({ feature: 'chat' })));
    expect(await ids(`?metadata_filters=${filters}`)).toEqual(['c', 'a']);
    const page = await api<{ data: unknown[]; next_cursor: string }>(
      'GET',
      `requests?limit=1&metadata_filters=${filters}`,
    );
    expect(page.body).toMatchObject({ has_more: true });
    expect(
      await ids(`?limit=1&metadata_filters=${filters}&cursor=${page.body.next_cursor}`),
    ).toEqual(['a']);
    expect((await api('GET', 'requests/b')).body).toMatchObject({
      request_id: 'b',
      metadata: { feature: 'search' },
    });
    expect((await api('GET', 'requests/zzz')).status).toBe(404);
  });

  it.each([
    ['metadata_filters', 'requests?metadata_filters=feature'],
    ['meter_id', 'requests?meter_id=prd_unknown'],
    ['limit', 'requests?limit=0'],
  ])('refuses a bad %s', async (param, path) => {
    expect((await api('GET', path)).body).toMatchObject({ error: { param } });
  });
});

describe('GET /v1/usage', () => {
  it('sums requests per day and in total, exactly, for a customer and a meter', async () => {
    await record({ request_id: 'a', input_tokens: 1_000_000 });
    t.clock.now += 24 * 60 * 60 * 1000;
    await record({ request_id: 'b', input_tokens: 333_333, output_tokens: 1 });
    const usage = await api(
      'GET',
      `usage?start=2026-11-01&customer_id=${customerId}&meter_id=${meter.meter_id}`,
    );
    expect(usage.body).toEqual({
      items: [
        {
          date: '2026-11-22',
          start: '2026-11-22T00:00:00.000Z',
          end: '2026-11-23T00:00:00.000Z',
          total_requests: 1,
          total_usage_tokens: 1_000_000,
          total_cost: '0.0000000000',
          total_charge: '3.0000000000',
        },
        {
          date: '2026-11-23',
          start: '2026-11-23T00:00:00.000Z',
          end: '2026-11-24T00:00:00.000Z',
          total_requests: 1,
          total_usage_tokens: 333_334,
          total_cost: '0.0000000000',
          total_charge: '1.0000020000',
        },
      ],
      totals: {
        total_requests: 2,
        total_usage_tokens: 1_333_334,
        total_cost: '0.0000000000',
        total_charge: '4.0000020000',
      },
    });
    expect((await api('GET', 'usage?start=2026-11-23T00:00:00Z')).body).toMatchObject({
      totals: { total_requests: 1 },
    });
    expect((await api('GET', 'usage?start=2026-11-01&end=2026-11-23')).body).toMatchObject({
      totals: { total_requests: 1 },
    });
  });

  it.each([
    ['start', 'usage'],
    ['start', 'usage?start=yesterday'],
    ['end', 'usage?start=2026-11-02&end=2026-11-01'],
    // More than 366 days from start to end, or to now without an end.
    ['end', 'usage?start=2025-01-01&end=2026-01-03'],
    ['start', 'usage?start=2025-11-20'],
    [
      'metadata_filters',
      `usage?start=2026-11-01&metadata_filters=${encodeURIComponent(JSON.stringify(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])))}`,
    ],
    ['customer_id', 'usage?start=2026-11-01&customer_id=nobody'],
    ['group_by', 'usage?start=2026-11-01&group_by=day'],
  ])('refuses a bad %s', (param, path) => expectQueryRefused(api, path, param));
});
