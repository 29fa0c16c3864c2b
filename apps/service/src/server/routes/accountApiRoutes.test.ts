import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { createCustomerSession } from '@lava-checkout/server';
import { describe, expect, it } from 'vitest';
import { rotateSecretKey } from '../merchants/rotateSecretKey.ts';
import { foreignCustomerSession } from '../testing/foreignCustomerSession.ts';
import {
  merchantApiEachTest,
  otherMerchant,
  seedCatalog,
  subscribedCustomer,
} from '../testing/merchantApi.ts';
import { TEST_ORIGIN } from '../testing/startTestService.ts';

const { t, api } = merchantApiEachTest();

const secretOf = (token: unknown) => {
  const decoded = decodeCheckoutToken(token);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.token.secret;
};

/** A customer session for a customer, minted through the REST API; its secret. */
async function sessionFor(customerId: string, origin = TEST_ORIGIN): Promise<string> {
  const created = await api<{ customer_session_token: string }>('POST', 'customer_sessions', {
    customer_id: customerId,
    origin_url: origin,
  });
  expect(created.status).toBe(201);
  return secretOf(created.body.customer_session_token);
}

/** `GET /api/account/summary` as a page of `origin` calls it. */
async function summary(bearer: string, origin: string | null = TEST_ORIGIN) {
  const response = await fetch(`${t.service.url}api/account/summary`, {
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(origin === null ? {} : { origin }),
    },
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string } },
    allowOrigin: response.headers.get('access-control-allow-origin'),
  };
}

describe('POST /v1/customer_sessions', () => {
  it('mints a 60-minute token for a customer of the merchant', async () => {
    const customerId = await subscribedCustomer(t);
    const created = await api('POST', 'customer_sessions', {
      customer_id: customerId,
      origin_url: `${TEST_ORIGIN}/`,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      customer_session_token: expect.any(String),
      customer_id: customerId,
      origin_url: TEST_ORIGIN,
      created_at: '2026-11-22T12:00:00.000Z',
      expires_at: '2026-11-22T13:00:00.000Z',
    });
    const token = decodeCheckoutToken(created.body.customer_session_token);
    expect(token.ok && token.token.base).toBe(t.service.url);
    expect(token.ok && token.token.secret).toMatch(/^lcs_test_/);
  });

  it('names the field at fault, and knows no other merchant’s customer', async () => {
    const missing = await api('POST', 'customer_sessions', { customer_id: 'con_test_x' });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'invalid_request', param: 'origin_url' } });

    const other = await otherMerchant(t);
    const theirs = await other.api<{ customer_id: string }>('POST', 'customers', {
      reference_id: 'theirs',
    });
    const foreign = await api('POST', 'customer_sessions', {
      customer_id: theirs.body.customer_id,
      origin_url: TEST_ORIGIN,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'not_found', param: 'customer_id' } });
  });
});

describe('GET /api/account/summary', () => {
  it('answers the customer’s plan, credits and renewal, readable by the session’s origin only', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const read = await summary(secret);
    expect(read.status).toBe(200);
    expect(read.allowOrigin).toBe(TEST_ORIGIN);
    expect(read.body).toEqual({
      customer_id: customerId,
      status: 'active',
      plan: {
        id: t.devMerchant.planId,
        name: 'Pro Plan',
        period_amount: '49.00',
        billing_interval: 'month',
        included_credit: '25.00',
      },
      credits: { total: '25.00', cycle: '25.00', bundle: '0.00' },
      cycle_end_at: '2026-12-22T12:00:00.000Z',
      pending_change: null,
    });
    // The same reading the merchant's server gets.
    const subscription = await api<{ subscription: { credits: Record<string, string> } }>(
      'GET',
      `customers/${customerId}/subscription`,
    );
    expect(subscription.body.subscription.credits.total_remaining).toBe('25.00');
  });

  it('reads a token minted offline by the server helper, and the whole token as bearer', async () => {
    const customerId = await subscribedCustomer(t);
    const session = await createCustomerSession(
      { customer_id: customerId, origin_url: TEST_ORIGIN },
      { secretKey: t.devMerchant.secretKey, checkoutUrl: t.service.url, now: () => t.clock.now },
    );
    const read = await summary(session.customer_session_token);
    expect(read.status).toBe(200);
    expect(read.body.customer_id).toBe(customerId);
  });

  it('answers a customer without a plan with no plan and no credit', async () => {
    const made = await api<{ customer_id: string }>('POST', 'customers', { reference_id: 'u1' });
    const read = await summary(await sessionFor('u1'));
    expect(read.body).toEqual({
      customer_id: made.body.customer_id,
      status: 'none',
      plan: null,
      credits: { total: '0.00', cycle: '0.00', bundle: '0.00' },
      cycle_end_at: null,
      pending_change: null,
    });
  });

  it('shows each customer only their own account', async () => {
    const first = await subscribedCustomer(t, { phone: '+1 415 555 0100' });
    const { plan } = await seedCatalog(api, ' B');
    const second = await subscribedCustomer(t, { phone: '+1 415 555 0101', planId: plan.plan_id });
    expect((await summary(await sessionFor(first))).body).toMatchObject({
      customer_id: first,
      plan: { name: 'Pro Plan' },
    });
    expect((await summary(await sessionFor(second))).body).toMatchObject({
      customer_id: second,
      plan: { name: 'Pro Plan B' },
    });
  });

  it('refuses a session naming another merchant’s customer', async () => {
    // Signed by this merchant's key, for a customer of the other merchant.
    const session = await foreignCustomerSession(t);
    const read = await summary(session.customer_session_token);
    expect(read.status).toBe(401);
    expect(read.body.error?.code).toBe('customer_session_invalid');
  });

  it('refuses another origin, or none, without letting it read the answer', async () => {
    const secret = await sessionFor(await subscribedCustomer(t));
    for (const origin of ['https://evil.example.com', 'http://localhost:4001', null]) {
      const read = await summary(secret, origin);
      expect(read.status).toBe(403);
      expect(read.body.error?.code).toBe('origin_not_allowed');
      expect(read.allowOrigin).toBeNull();
    }
  });

  it('refuses a session past its hour, readably, so the page mints another', async () => {
    const secret = await sessionFor(await subscribedCustomer(t));
    t.clock.now += 59 * 60_000;
    expect((await summary(secret)).status).toBe(200);
    t.clock.now += 60_000;
    const read = await summary(secret);
    expect(read.status).toBe(401);
    expect(read.body.error?.code).toBe('customer_session_expired');
    expect(read.allowOrigin).toBe(TEST_ORIGIN);
  });

  it('refuses a forged, missing or checkout session', async () => {
    const secret = await sessionFor(await subscribedCustomer(t));
    const forged = `${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    const checkout = await t.mint();
    for (const bearer of [forged, 'nothing', checkout.secret]) {
      const read = await summary(bearer);
      expect(read.status).toBe(401);
      expect(read.body.error?.code).toBe('customer_session_invalid');
    }
  });

  it('refuses a session signed with a key retired since, once the service looks the key up again', async () => {
    const secret = await sessionFor(await subscribedCustomer(t));
    expect((await summary(secret)).status).toBe(200);
    await rotateSecretKey(t.service.services.db, {
      merchantId: t.devMerchant.merchantId,
      graceMs: 0,
      now: new Date(t.clock.now),
    });
    // Key lookups are kept 30 seconds.
    t.clock.now += 31_000;
    const read = await summary(secret);
    expect(read.status).toBe(401);
    expect(read.body.error?.code).toBe('customer_session_invalid');
  });

  it('answers the browser’s preflight for the Authorization header', async () => {
    const response = await fetch(`${t.service.url}api/account/summary`, {
      method: 'OPTIONS',
      headers: {
        origin: TEST_ORIGIN,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(response.headers.get('access-control-allow-headers')).toBe('Authorization');
  });
});

describe('a customer session and a checkout', () => {
  it('never opens a checkout with a customer session', async () => {
    const secret = await sessionFor(await subscribedCustomer(t));
    const phone = await t.post('phone', secret, { phone: '+1 415 555 0102' });
    expect(phone.status).toBe(401);
    expect(await phone.json()).toMatchObject({ error: { code: 'session_invalid' } });
    const page = await fetch(`${t.service.url}embed/checkout/${secret}`);
    expect(page.status).toBe(404);
  });
});
