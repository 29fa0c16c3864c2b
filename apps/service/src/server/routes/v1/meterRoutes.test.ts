import { describe, expect, it } from 'vitest';
import { merchantApiEachTest } from '../../testing/merchantApi.ts';

const { t, api } = merchantApiEachTest();

const METER = {
  name: 'API Requests',
  rate_type: 'fixed',
  tier_type: 'requests',
  tiers: [
    { start: '0', rate: '0.01' },
    { start: '10000', rate: '0.005' },
  ],
};

describe('POST /v1/meters', () => {
  it('creates a meter in the RestMeter shape, with a slug made from its name', async () => {
    const created = await api('POST', 'meters', METER);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      meter_id: expect.stringMatching(/^prd_test_[0-9A-Z]{26}$/),
      meter_slug: 'api-requests',
      name: 'API Requests',
      rate_type: 'fixed',
      tiers: [
        { start: 0, rate: '0.01', type: 'requests' },
        { start: 10000, rate: '0.005', type: 'requests' },
      ],
      created_at: '2026-11-22T12:00:00.000Z',
    });
    expect((await api('POST', 'meters', METER)).body).toMatchObject({
      meter_slug: 'api-requests-2',
    });
  });

  it('keeps a slug it is given, and refuses one already taken with 409', async () => {
    expect((await api('POST', 'meters', { ...METER, meter_slug: 'calls' })).body).toMatchObject({
      meter_slug: 'calls',
    });
    expect(await api('POST', 'meters', { ...METER, meter_slug: 'calls' })).toMatchObject({
      status: 409,
      body: { error: { code: 'already_exists', param: 'meter_slug' } },
    });
  });

  it.each([
    ['name', { ...METER, name: undefined }, /name is missing/],
    ['name', { ...METER, name: '' }, /name is invalid/],
    [
      'meter_slug',
      { ...METER, meter_slug: 'Has Spaces' },
      /meter_slug is invalid: expected 1 to 64 lowercase/,
    ],
    ['rate_type', { ...METER, rate_type: 'flat' }, /rate_type is invalid/],
    ['tier_type', { ...METER, tier_type: 'tokens' }, /tier_type is invalid/],
    ['tiers', { ...METER, tiers: [] }, /tiers is invalid: a meter needs at least one tier/],
    [
      'tiers.0.start',
      { ...METER, tiers: [{ start: '5', rate: '1' }] },
      /the first tier starts at "0"/,
    ],
    [
      'tiers.1.start',
      {
        ...METER,
        tiers: [
          { start: '0', rate: '1' },
          { start: '0', rate: '2' },
        ],
      },
      /tier starts must go up/,
    ],
    ['tiers.0.rate', { ...METER, tiers: [{ start: '0', rate: 3 }] }, /tiers\.0\.rate is invalid/],
    ['tiers.0.rate', { ...METER, tiers: [{ start: '0', rate: '-1' }] }, /decimal string/],
    ['tier_kind', { ...METER, tier_kind: 'x' }, /tier_kind is not a field of this request/],
  ])('refuses a bad %s with 400, naming it, and makes nothing', async (param, body, message) => {
    const refused = await api('POST', 'meters', body);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: { code: 'invalid_request', param, message: expect.stringMatching(message) },
    });
    expect((refused.body as { error: { message: string } }).error.message).toMatch(
      /^Lava Checkout: .+\. Correct it and send the request again\.$/,
    );
    expect(t.rows('meters')).toHaveLength(1);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await fetch(`${t.service.url}v1/meters`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${t.devMerchant.secretKey}`,
        'content-type': 'application/json',
      },
      body: '{"name":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'malformed_json' } });
  });
});

describe('GET /v1/meters', () => {
  it('pages newest first with has_more and next_cursor, leaving next_cursor out at the end', async () => {
    for (const name of ['A', 'B', 'C']) await api('POST', 'meters', { ...METER, name });
    const first = await api<{ data: { name: string }[]; next_cursor?: string }>(
      'GET',
      'meters?limit=2',
    );
    expect(first.body).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    expect(first.body.data.map((m) => m.name)).toEqual(['C', 'B']);
    const second = await api<{ data: { name: string }[] }>(
      'GET',
      `meters?limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(second.body.data.map((m) => m.name)).toEqual(['A', 'AI Chat Tokens']);
    expect(second.body).toEqual({ data: expect.any(Array), has_more: false });
    expect((await api<{ data: unknown[] }>('GET', 'meters')).body.data).toHaveLength(4);
  });

  it.each([
    ['limit', 'meters?limit=0'],
    ['limit', 'meters?limit=101'],
    ['limit', 'meters?limit=ten'],
    ['cursor', 'meters?cursor=bm90IGFuIGlk!'],
    ['sort', 'meters?sort=asc'],
  ])('refuses a bad %s with 400', async (param, path) => {
    expect(await api('GET', path)).toMatchObject({ status: 400, body: { error: { param } } });
  });
});

describe('GET, PATCH and DELETE /v1/meters/:id', () => {
  it('reads, renames, re-prices and deletes a meter; a deleted meter is gone and frees its slug', async () => {
    const { body } = await api<{ meter_id: string }>('POST', 'meters', METER);
    const path = `meters/${body.meter_id}`;
    expect((await api('GET', path)).body).toEqual(body);
    const updated = await api('PATCH', path, {
      name: 'Calls',
      tiers: [{ start: '0', rate: '0.02' }],
    });
    expect(updated.body).toMatchObject({
      name: 'Calls',
      tiers: [{ start: 0, rate: '0.02', type: 'requests' }],
    });
    expect((await api('GET', path)).body).toEqual(updated.body);
    expect(await api('DELETE', path)).toMatchObject({
      status: 200,
      body: { id: body.meter_id, deleted: true },
    });
    expect((await api('GET', path)).status).toBe(404);
    expect((await api('POST', 'meters', METER)).body).toMatchObject({ meter_slug: 'api-requests' });
  });

  it.each([
    ['rate_type', { rate_type: 'percentage' }, /rate_type is not a field/],
    ['tiers', { tiers: [] }, /at least one tier/],
    ['name', { name: 7 }, /name is invalid/],
  ])('refuses to change %s, and changes nothing', async (param, patch, message) => {
    const { body } = await api<{ meter_id: string }>('POST', 'meters', METER);
    const refused = await api('PATCH', `meters/${body.meter_id}`, patch);
    expect(refused).toMatchObject({
      status: 400,
      body: { error: { param, message: expect.stringMatching(message) } },
    });
    expect((await api('GET', `meters/${body.meter_id}`)).body).toEqual(body);
  });

  it('answers 404 for an id it does not know', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      expect(
        (
          await api(
            method,
            'meters/prd_test_01KK2NQPKARMY7D3HK65C2ZSYK',
            method === 'PATCH' ? {} : undefined,
          )
        ).status,
      ).toBe(404);
    }
  });
});
