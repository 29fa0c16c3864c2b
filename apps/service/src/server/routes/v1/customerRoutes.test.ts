import { describe, expect, it } from 'vitest';
import { merchantApiEachTest, seedCatalog, subscribedCustomer } from '../../testing/merchantApi.ts';
import { restProSubscription } from '../../testing/restProSubscription.ts';

const { t, api } = merchantApiEachTest();

const events = (type: string) =>
  t
    .rows('webhook_events')
    .filter((event) => event.type === type)
    .map((event) => JSON.parse(String(event.payload)));

describe('POST /v1/customers', () => {
  it('creates a customer, announces customer.created, and is idempotent on reference_id', async () => {
    const body = {
      reference_id: 'user_42',
      email: 'ada@example.com',
      phone: '+1 415 555 0199',
      name: 'Ada Lovelace',
      metadata: { tier: 'gold' },
    };
    const created = await api('POST', 'customers', body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      customer_id: expect.stringMatching(/^con_test_[0-9A-Z]{26}$/),
      reference_id: 'user_42',
      contact: {
        phone: '+14155550199',
        email: 'ada@example.com',
        first_name: 'Ada',
        last_name: 'Lovelace',
      },
      subscription: null,
      metadata: { tier: 'gold' },
      created_at: '2026-11-22T12:00:00.000Z',
    });
    expect(events('customer.created')).toEqual([
      {
        id: expect.stringMatching(/^evt_test_/),
        event: 'customer.created',
        created_at: '2026-11-22T12:00:00.000Z',
        data: created.body,
      },
    ]);
    const again = await api('POST', 'customers', {
      reference_id: 'user_42',
      email: 'other@example.com',
    });
    expect(again).toMatchObject({ status: 200, body: created.body });
    expect(t.rows('customers')).toHaveLength(1);
  });

  it('creates a customer with nothing but an id, and one the checkout of its phone then reuses', async () => {
    expect((await api('POST', 'customers', {})).body).toMatchObject({
      contact: { phone: '', email: '', first_name: '', last_name: '' },
      reference_id: null,
    });
    const withPhone = await api<{ customer_id: string }>('POST', 'customers', {
      phone: '+14155550100',
    });
    expect(await subscribedCustomer(t)).toBe(withPhone.body.customer_id);
  });

  it.each([
    ['reference_id', { reference_id: 'con_123' }, 400, /must not start with con_/],
    ['reference_id', { reference_id: 'x'.repeat(256) }, 400, /1 to 255/],
    ['email', { email: 'not-an-email' }, 400, /expected an email address/],
    ['phone', { phone: '415 555 0100' }, 400, /country code/],
    ['name', { name: '' }, 400, /name is invalid/],
    ['metadata', { metadata: 'gold' }, 400, /metadata is invalid/],
    ['wallet', { wallet: {} }, 400, /not a field/],
  ])('refuses a bad %s, naming it, and makes nothing', async (param, body, status, message) => {
    expect(await api('POST', 'customers', body)).toMatchObject({
      status,
      body: { error: { param, message: expect.stringMatching(message) } },
    });
    expect(t.rows('customers')).toHaveLength(0);
  });

  it('refuses metadata past 16 KB with 413, as every body past 16 KB', async () => {
    expect(
      await api('POST', 'customers', { metadata: { blob: 'x'.repeat(17_000) } }),
    ).toMatchObject({
      status: 413,
      body: { error: { code: 'body_too_large' } },
    });
  });

  it('keeps no phone for a customer made without one, and frees a cleared or deleted phone', async () => {
    const bare = await api<{ customer_id: string }>('POST', 'customers', {});
    const phoned = await api<{ customer_id: string }>('POST', 'customers', {
      phone: '+14155550142',
    });
    const phoneOf = (id: string) => t.rows('customers').find((row) => row.id === id)?.phone;
    expect(phoneOf(bare.body.customer_id)).toBeNull();
    await api('PATCH', `customers/${phoned.body.customer_id}`, { phone: null });
    expect(phoneOf(phoned.body.customer_id)).toBeNull();
    const taker = await api<{ customer_id: string }>('POST', 'customers', {
      phone: '+14155550142',
    });
    expect(taker.status).toBe(201);
    await api('DELETE', `customers/${taker.body.customer_id}`);
    expect(phoneOf(taker.body.customer_id)).toBeNull();
    expect((await api('POST', 'customers', { phone: '+14155550142' })).status).toBe(201);
  });

  it('refuses a phone another customer has, with 409', async () => {
    await api('POST', 'customers', { phone: '+14155550100' });
    expect(await api('POST', 'customers', { phone: '+1 (415) 555-0100' })).toMatchObject({
      status: 409,
      body: { error: { code: 'already_exists', param: 'phone' } },
    });
  });
});

describe('GET, PATCH and DELETE /v1/customers/:id', () => {
  it('lists customers newest first, with their subscription', async () => {
    const subscribed = await subscribedCustomer(t);
    await api('POST', 'customers', { reference_id: 'later' });
    const page = await api<{
      data: { customer_id: string; reference_id: string | null; subscription: unknown }[];
    }>('GET', 'customers?limit=1');
    expect(page.body).toMatchObject({
      has_more: true,
      data: [{ reference_id: 'later', subscription: null }],
    });
    const next = await api<{ data: { customer_id: string; subscription: unknown }[] }>(
      'GET',
      `customers?cursor=${String((page.body as { next_cursor?: string }).next_cursor)}`,
    );
    expect(next.body.data).toEqual([
      expect.objectContaining({
        customer_id: subscribed,
        subscription: expect.objectContaining({ name: 'Pro Plan', status: 'active' }),
      }),
    ]);
  });

  it('finds a customer by id or reference id; updates, clears with null, and deletes', async () => {
    const { body } = await api<{ customer_id: string }>('POST', 'customers', {
      reference_id: 'user_1',
      email: 'a@example.com',
      name: 'Ada',
    });
    expect((await api('GET', 'customers/user_1')).body).toEqual(body);
    const updated = await api('PATCH', 'customers/user_1', {
      email: null,
      name: 'Ada King',
      reference_id: 'user_2',
      metadata: { a: 1 },
    });
    expect(updated.body).toMatchObject({
      reference_id: 'user_2',
      contact: { email: '', first_name: 'Ada', last_name: 'King' },
      metadata: { a: 1 },
    });
    expect((await api('GET', 'customers/user_1')).status).toBe(404);
    expect((await api('GET', `customers/${body.customer_id}`)).body).toEqual(updated.body);
    expect(await api('DELETE', 'customers/user_2')).toMatchObject({
      status: 200,
      body: { success: true },
    });
    expect((await api('GET', `customers/${body.customer_id}`)).status).toBe(404);
    expect(events('customer.deleted')).toHaveLength(1);
    // Its reference id is free again.
    expect((await api('POST', 'customers', { reference_id: 'user_2' })).status).toBe(201);
  });

  it.each([
    ['reference_id', { reference_id: 'con_1' }, 400],
    ['email', { email: 'nope' }, 400],
    ['phone', { phone: '12' }, 400],
    ['metadata', { metadata: [1] }, 400],
    ['reference_id', { reference_id: 'taken' }, 409],
  ])('refuses a bad %s in an update, and changes nothing', async (param, patch, status) => {
    await api('POST', 'customers', { reference_id: 'taken' });
    const { body } = await api<{ customer_id: string }>('POST', 'customers', {
      reference_id: 'mine',
    });
    expect(await api('PATCH', `customers/${body.customer_id}`, patch)).toMatchObject({
      status,
      body: { error: { param } },
    });
    expect((await api('GET', `customers/${body.customer_id}`)).body).toEqual(body);
  });

  it('deleting a subscribed customer cancels its subscription and announces it', async () => {
    const customerId = await subscribedCustomer(t);
    await api('DELETE', `customers/${customerId}`);
    expect(events('subscription.cancelled')).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ customer_id: customerId, subscription: null }),
      }),
    ]);
    expect((await api<{ data: unknown[] }>('GET', 'subscriptions')).body.data).toEqual([]);
  });
});

describe('GET /v1/customers/:id/subscription', () => {
  it('gives the plan, the cycle and the credits left; null without a subscription', async () => {
    const { meter, plan } = await seedCatalog(api);
    const customerId = await subscribedCustomer(t, { planId: plan.plan_id });
    await api('POST', 'requests', {
      request_id: 'r1',
      customer_id: customerId,
      meter_slug: meter.meter_slug,
      input_tokens: 1_000_000,
    });
    const answer = await api('GET', `customers/${customerId}/subscription`);
    expect(answer.body).toEqual({
      subscription: restProSubscription({
        subscription_id: expect.stringMatching(/^sub_test_/),
        plan_id: plan.plan_id,
        remaining: '22.00',
      }),
    });
    const bare = await api<{ customer_id: string }>('POST', 'customers', {});
    expect((await api('GET', `customers/${bare.body.customer_id}/subscription`)).body).toEqual({
      subscription: null,
    });
  });
});
