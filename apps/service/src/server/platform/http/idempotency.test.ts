import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  merchantApiEachTest,
  otherMerchant,
  seedCatalog,
  subscribedCustomer,
} from '../../testing/merchantApi.ts';

const { t, api } = merchantApiEachTest();
let fixtures: { plan: string; meterSlug: string; customer: string };
beforeEach(async () => {
  const { meter, plan } = await seedCatalog(api);
  fixtures = {
    plan: plan.plan_id,
    meterSlug: meter.meter_slug,
    customer: await subscribedCustomer(t, { planId: plan.plan_id }),
  };
});

/** Each POST of the API, two different bodies, and how to count what it made. */
const POSTS: [string, () => unknown, () => unknown, string][] = [
  [
    'meters',
    () => ({
      name: 'Minutes',
      rate_type: 'fixed',
      tier_type: 'minutes',
      tiers: [{ start: '0', rate: '0.10' }],
    }),
    () => ({
      name: 'Minutes',
      rate_type: 'fixed',
      tier_type: 'minutes',
      tiers: [{ start: '0', rate: '0.20' }],
    }),
    'meters',
  ],
  [
    'plans',
    () => ({ name: 'Team', period_amount: '99.00', billing_interval: 'month' }),
    () => ({ name: 'Team', period_amount: '199.00', billing_interval: 'month' }),
    'plans',
  ],
  [
    'checkout_sessions',
    () => ({
      checkout_mode: 'subscription',
      origin_url: 'https://yourapp.com',
      plan_id: fixtures.plan,
    }),
    () => ({
      checkout_mode: 'subscription',
      origin_url: 'https://other.com',
      plan_id: fixtures.plan,
    }),
    'checkout_sessions',
  ],
  [
    'customers',
    () => ({ email: 'a@example.com' }),
    () => ({ email: 'b@example.com' }),
    'customers',
  ],
  [
    'requests',
    () => ({
      request_id: 'req_a',
      customer_id: fixtures.customer,
      meter_slug: fixtures.meterSlug,
      input_tokens: 5,
    }),
    () => ({
      request_id: 'req_b',
      customer_id: fixtures.customer,
      meter_slug: fixtures.meterSlug,
      input_tokens: 5,
    }),
    'usage_requests',
  ],
  [
    'webhooks',
    () => ({ name: 'A', url: 'https://example.com/a' }),
    () => ({ name: 'B', url: 'https://example.com/b' }),
    'webhooks',
  ],
];

describe('Idempotency-Key on every POST', () => {
  it.each(POSTS)(
    'POST /v1/%s: the same key and body get the same answer, and make one record',
    async (path, body, _other, table) => {
      const before = t.rows(table).length;
      const first = await api('POST', path, body(), { 'idempotency-key': 'key-1' });
      expect(first.status).toBe(201);
      const retry = await api('POST', path, body(), { 'idempotency-key': 'key-1' });
      expect(retry.status).toBe(first.status);
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(t.rows(table).length).toBe(before + 1);
    },
  );

  it.each(POSTS)(
    'POST /v1/%s: the same key with another body gets 422 and makes nothing',
    async (path, body, other, table) => {
      await api('POST', path, body(), { 'idempotency-key': 'key-1' });
      const count = t.rows(table).length;
      const reused = await api('POST', path, other(), { 'idempotency-key': 'key-1' });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({
        error: { code: 'idempotency_key_reused', param: 'Idempotency-Key' },
      });
      expect(t.rows(table).length).toBe(count);
    },
  );

  it('keeps a refusal too: the same invalid request gets the same 400', async () => {
    const first = await api('POST', 'meters', { name: '' }, { 'idempotency-key': 'bad' });
    expect(first.status).toBe(400);
    expect(await api('POST', 'meters', { name: '' }, { 'idempotency-key': 'bad' })).toMatchObject({
      status: 400,
      body: first.body,
    });
  });

  it('answers 409 while the first request under a key is at work, and runs it once its lease ran out', async () => {
    const db = t.service.services.db;
    const merchantId = t.devMerchant.merchantId;
    await db
      .insertInto('idempotency_keys')
      .values({
        merchant_id: merchantId,
        key: 'busy',
        request_hash: 'a request still running',
        status: null,
        response: null,
        locked_until: new Date(t.clock.now + 60_000).toISOString(),
        created_at: new Date(t.clock.now).toISOString(),
      })
      .execute();
    const body = { email: 'c@example.com' };
    // A different hash would be 422: make the stored one the hash of this request.
    await db
      .updateTable('idempotency_keys')
      .set({
        request_hash: createHash('sha256')
          .update(`POST /v1/customers\n${JSON.stringify(body)}`)
          .digest('hex'),
      })
      .where('key', '=', 'busy')
      .execute();
    expect(await api('POST', 'customers', body, { 'idempotency-key': 'busy' })).toMatchObject({
      status: 409,
      body: { error: { code: 'idempotency_key_in_flight' } },
    });
    t.clock.now += 61_000;
    expect((await api('POST', 'customers', body, { 'idempotency-key': 'busy' })).status).toBe(201);
  });

  it('forgets a key after 24 hours', async () => {
    await api('POST', 'customers', { email: 'a@example.com' }, { 'idempotency-key': 'day' });
    t.clock.now += 24 * 60 * 60 * 1000;
    const later = await api(
      'POST',
      'customers',
      { email: 'b@example.com' },
      { 'idempotency-key': 'day' },
    );
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ contact: { email: 'b@example.com' } });
  });

  it('refuses a key that is not 1 to 255 printable characters', async () => {
    for (const key of ['has space', 'x'.repeat(256)]) {
      expect(await api('POST', 'customers', {}, { 'idempotency-key': key })).toMatchObject({
        status: 400,
        body: { error: { code: 'invalid_request', param: 'Idempotency-Key' } },
      });
    }
  });

  it('keeps keys apart per merchant', async () => {
    const other = (await otherMerchant(t)).api;
    await api('POST', 'customers', { email: 'a@example.com' }, { 'idempotency-key': 'shared' });
    expect(
      (
        await other(
          'POST',
          'customers',
          { email: 'z@example.com' },
          { 'idempotency-key': 'shared' },
        )
      ).status,
    ).toBe(201);
  });
});
