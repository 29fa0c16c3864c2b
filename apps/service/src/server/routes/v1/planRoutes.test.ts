import { beforeEach, describe, expect, it } from 'vitest';
import { createTokenMeter } from '../../testing/createTokenMeter.ts';
import { merchantApiEachTest, seedCatalog, subscribedCustomer } from '../../testing/merchantApi.ts';

const { t, api } = merchantApiEachTest();
let meterId: string;
beforeEach(async () => {
  meterId = await createTokenMeter(api, 'AI Chat Tokens');
});

const PLAN = {
  name: 'Pro Plan',
  period_amount: '99.00',
  billing_interval: 'month',
  included_credit: '50.00',
  rollover_type: 'full',
  credit_bundles: [
    { name: '$25 Top-up', cost: '25.00', credit_amount: '25.00' },
    { name: '$100 Top-up', cost: '100', credit_amount: '100' },
  ],
  default_auto_top_up_bundle_index: 0,
};

describe('POST /v1/plans', () => {
  it("creates the seeds' plan with meter_ids and credit_bundles, in the RestPlan shape", async () => {
    const created = await api<{ credit_bundles: { credit_bundle_id: string }[] }>('POST', 'plans', {
      ...PLAN,
      meter_ids: [meterId],
    });
    expect(created.status).toBe(201);
    const firstBundle = created.body.credit_bundles[0]?.credit_bundle_id;
    expect(created.body).toEqual({
      plan_id: expect.stringMatching(/^sc_test_[0-9A-Z]{26}$/),
      merchant_id: t.devMerchant.merchantId,
      name: 'Pro Plan',
      period_amount: '99.00',
      included_credit: '50.00',
      billing_interval: 'month',
      rollover_type: 'full',
      bundle_rollover_type: 'full',
      default_auto_top_up_bundle_id: firstBundle,
      linked_meters: [{ meter_id: meterId, name: 'AI Chat Tokens' }],
      credit_bundles: [
        {
          credit_bundle_id: expect.stringMatching(/^cb_test_/),
          name: '$25 Top-up',
          cost: '25.00',
          credit_amount: '25.00',
        },
        {
          credit_bundle_id: expect.stringMatching(/^cb_test_/),
          name: '$100 Top-up',
          cost: '100.00',
          credit_amount: '100.00',
        },
      ],
      created_at: '2026-11-22T12:00:00.000Z',
    });
  });

  it('defaults included_credit to period_amount and rollover to none', async () => {
    const created = await api('POST', 'plans', {
      name: 'Basic',
      period_amount: '9.5',
      billing_interval: 'year',
    });
    expect(created.body).toMatchObject({
      period_amount: '9.50',
      included_credit: '9.50',
      rollover_type: 'none',
      default_auto_top_up_bundle_id: null,
      linked_meters: [],
      credit_bundles: [],
    });
  });

  it.each([
    ['name', { ...PLAN, name: undefined }, /name is missing/],
    ['period_amount', { ...PLAN, period_amount: 49 }, /period_amount is invalid/],
    ['period_amount', { ...PLAN, period_amount: '49.999999999999' }, /decimal string/],
    ['period_amount', { ...PLAN, period_amount: '10000.01' }, /at most 10000/],
    ['billing_interval', { ...PLAN, billing_interval: 'fortnight' }, /billing_interval is invalid/],
    [
      'included_credit',
      { ...PLAN, included_credit: '100.00' },
      /cannot be more than period_amount/,
    ],
    ['rollover_type', { ...PLAN, rollover_type: 'some' }, /rollover_type is invalid/],
    ['meter_ids', { ...PLAN, meter_ids: 'prd_1' }, /meter_ids is invalid/],
    [
      'meter_ids.0',
      { ...PLAN, meter_ids: ['prd_test_01KK2NQPKARMY7D3HK65C2ZSYK'] },
      /names no meter of this account/,
    ],
    [
      'credit_bundles.0.cost',
      { ...PLAN, credit_bundles: [{ name: 'x', cost: '-5', credit_amount: '5' }] },
      /decimal string/,
    ],
    [
      'credit_bundles.0.name',
      { ...PLAN, credit_bundles: [{ cost: '5', credit_amount: '5' }] },
      /is missing/,
    ],
    [
      'default_auto_top_up_bundle_index',
      { ...PLAN, default_auto_top_up_bundle_index: 2 },
      /not the index of one of credit_bundles/,
    ],
  ])('refuses a bad %s, naming it, and makes nothing', async (param, body, message) => {
    const refused = await api('POST', 'plans', body);
    expect(refused).toMatchObject({
      status: param === 'meter_ids.0' ? 404 : 400,
      body: { error: { param, message: expect.stringMatching(message) } },
    });
    // The test merchant's Pro Plan and Free plan, and no other.
    expect(t.rows('plans')).toHaveLength(2);
  });
});

describe('GET, PATCH and DELETE /v1/plans/:id, and /v1/credit_bundles', () => {
  it('lists plans newest first, each with its meters and bundles', async () => {
    await api('POST', 'plans', { ...PLAN, name: 'Team', meter_ids: [meterId] });
    const list = await api<{ data: { name: string; linked_meters: unknown[] }[] }>(
      'GET',
      'plans?limit=1',
    );
    expect(list.body).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    expect(list.body.data).toEqual([
      expect.objectContaining({
        name: 'Team',
        linked_meters: [{ meter_id: meterId, name: 'AI Chat Tokens' }],
      }),
    ]);
  });

  it('updates names, credit, meters and bundles (add, change, delete), never the price', async () => {
    const { body } = await api<{ plan_id: string; credit_bundles: { credit_bundle_id: string }[] }>(
      'POST',
      'plans',
      PLAN,
    );
    const [small, large] = body.credit_bundles;
    const path = `plans/${body.plan_id}`;
    const update = {
      name: 'Pro Plan 2',
      included_credit: '60',
      meter_ids: [meterId],
      credit_bundles: [
        {
          credit_bundle_id: small?.credit_bundle_id,
          name: '$30 Top-up',
          cost: '30',
          credit_amount: '30',
        },
        {
          credit_bundle_id: large?.credit_bundle_id,
          name: 'x',
          cost: '1',
          credit_amount: '1',
          is_deleted: true,
        },
        { name: '$500 Top-up', cost: '500.00', credit_amount: '520.00' },
      ],
    };
    const updated = await api('PATCH', path, {
      ...update,
      default_auto_top_up_bundle_id: large?.credit_bundle_id,
    });
    // The top-up bundle is deleted by the same call: nothing of it is applied.
    expect(updated.status).toBe(404);
    expect(updated.body).toMatchObject({ error: { param: 'default_auto_top_up_bundle_id' } });
    expect((await api('GET', path)).body).toEqual(body);
    const ok = await api('PATCH', path, update);
    expect(ok.body).toMatchObject({
      name: 'Pro Plan 2',
      period_amount: '99.00',
      included_credit: '60.00',
      linked_meters: [{ meter_id: meterId }],
      credit_bundles: [
        { credit_bundle_id: small?.credit_bundle_id, name: '$30 Top-up', cost: '30.00' },
        { name: '$500 Top-up', credit_amount: '520.00' },
      ],
    });
    expect((await api('GET', path)).body).toEqual(ok.body);
    const bundles = await api<{ data: { name: string; plan_id: string }[] }>(
      'GET',
      `credit_bundles?plan_id=${body.plan_id}`,
    );
    expect(bundles.body.data.map((b) => b.name).sort()).toEqual(['$30 Top-up', '$500 Top-up']);
    expect((await api('GET', `credit_bundles/${small?.credit_bundle_id}`)).body).toEqual({
      credit_bundle_id: small?.credit_bundle_id,
      plan_id: body.plan_id,
      name: '$30 Top-up',
      cost: '30.00',
      credit_amount: '30.00',
      created_at: '2026-11-22T12:00:00.000Z',
    });
    expect((await api('GET', `credit_bundles/${large?.credit_bundle_id}`)).status).toBe(404);
  });

  it.each([
    ['period_amount', { period_amount: '10.00' }, /cannot change once the plan exists/],
    ['billing_interval', { billing_interval: 'year' }, /cannot change once the plan exists/],
    ['included_credit', { included_credit: '100.00' }, /more than the plan's period_amount/],
    [
      'credit_bundles.0.credit_bundle_id',
      { credit_bundles: [{ credit_bundle_id: 'cb_x', name: 'a', cost: '1', credit_amount: '1' }] },
      /names no bundle of this plan/,
    ],
    ['meter_ids.0', { meter_ids: ['prd_nope'] }, /names no meter/],
  ])('refuses to change %s, and changes nothing', async (param, patch, message) => {
    const { body } = await api<{ plan_id: string }>('POST', 'plans', PLAN);
    const refused = await api('PATCH', `plans/${body.plan_id}`, patch);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.body).toMatchObject({
      error: { param, message: expect.stringMatching(message) },
    });
    expect((await api('GET', `plans/${body.plan_id}`)).body).toEqual(body);
  });

  it('deletes a plan nobody is on, and refuses one with active subscribers', async () => {
    const { plan } = await seedCatalog(api, ' B');
    await subscribedCustomer(t, { planId: plan.plan_id });
    expect(await api('DELETE', `plans/${plan.plan_id}`)).toMatchObject({
      status: 409,
      body: { error: { code: 'invalid_state' } },
    });
    const { body } = await api<{ plan_id: string }>('POST', 'plans', PLAN);
    expect((await api('DELETE', `plans/${body.plan_id}`)).body).toEqual({
      id: body.plan_id,
      deleted: true,
    });
    expect((await api('GET', `plans/${body.plan_id}`)).status).toBe(404);
  });

  it('refuses bad list parameters of /v1/credit_bundles', async () => {
    expect((await api('GET', 'credit_bundles?limit=500')).status).toBe(400);
    expect((await api('GET', 'credit_bundles?plan=x')).status).toBe(400);
  });
});
