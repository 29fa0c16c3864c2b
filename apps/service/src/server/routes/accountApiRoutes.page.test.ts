import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { describe, expect, it } from 'vitest';
import type { AccountOverview } from '../../shared/accountContract.ts';
import { merchantApiEachTest, otherMerchant, subscribedCustomer } from '../testing/merchantApi.ts';
import { START, TEST_ORIGIN, testPaymentMethod } from '../testing/startTestService.ts';

const { t, api } = merchantApiEachTest();

async function sessionFor(customerId: string, origin = TEST_ORIGIN): Promise<string> {
  const created = await api<{ customer_session_token: string }>('POST', 'customer_sessions', {
    customer_id: customerId,
    origin_url: origin,
  });
  const decoded = decodeCheckoutToken(created.body.customer_session_token);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.token.secret;
}

type Answer<T> = { status: number; body: T & { error?: { code: string; param?: string } } };

/** A call of the account page, from the service's own origin, as the browser marks it. */
async function page<T = AccountOverview>(
  method: string,
  path: string,
  secret: string,
  body?: unknown,
  site = 'same-origin',
): Promise<Answer<T>> {
  const response = await fetch(`${t.service.url}api/account/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secret}`,
      'sec-fetch-site': site,
      ...(site === 'same-origin' ? {} : { origin: TEST_ORIGIN }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Answer<T>['body'] };
}

describe('the account page’s API', () => {
  it('reads the plan, the cycle’s usage per day, the bundles, the card and the payments', async () => {
    const customerId = await subscribedCustomer(t);
    t.clock.now = START + 2 * 24 * 60 * 60 * 1000;
    const secret = await sessionFor(customerId);
    const read = await page('GET', 'overview', secret);
    expect(read.status).toBe(200);
    expect(read.body.summary).toMatchObject({ customer_id: customerId, status: 'active' });
    expect(read.body.usage.map((day) => day.date)).toEqual([
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
    ]);
    expect(read.body.bundles.length).toBeGreaterThan(0);
    expect(read.body.card).toEqual({ brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 });
    expect(read.body.payments).toEqual([
      expect.objectContaining({ kind: 'plan', amount: '49.00', description: 'Pro Plan' }),
    ]);
  });

  it('buys a bundle with the card on file: the credits rise and a receipt is listed', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const before = await page('GET', 'overview', secret);
    const bundle = before.body.bundles[0];
    if (!bundle) throw new Error('the dev plan has bundles');
    const bought = await page<{ status: string; overview: AccountOverview }>(
      'POST',
      `bundles/${bundle.id}/buy`,
      secret,
      { card_on_file: true },
    );
    expect(bought.status).toBe(200);
    expect(bought.body.status).toBe('succeeded');
    expect(bought.body.overview.summary.credits.bundle).toBe(bundle.credits);
    expect(bought.body.overview.payments[0]).toMatchObject({
      kind: 'bundle',
      amount: bundle.cost,
      description: bundle.name,
    });
    const subscription = await api<{ subscription: { credits: { bundle_remaining: string } } }>(
      'GET',
      `customers/${customerId}/subscription`,
    );
    expect(subscription.body.subscription.credits.bundle_remaining).toBe(bundle.credits);
    // The same webhook as a bundle bought through a checkout.
    expect(t.rows('webhook_events').map((event) => event.type)).toContain('credits.purchased');
  });

  it('buys a bundle with a new card, and refuses a declined one', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const { bundles } = (await page('GET', 'overview', secret)).body;
    const id = bundles[0]?.id ?? '';
    const declined = await page('POST', `bundles/${id}/buy`, secret, {
      ...testPaymentMethod('4000 0000 0000 0002'),
    });
    expect(declined.status).toBe(402);
    expect(declined.body.error?.code).toBe('card_declined');
    const paid = await page<{ status: string }>('POST', `bundles/${id}/buy`, secret, {
      ...testPaymentMethod('4242 4242 4242 4242', '11 / 33'),
    });
    expect(paid.body).toMatchObject({ status: 'succeeded' });
  });

  it('knows its own page by its Origin too, in browsers that send no Sec-Fetch-Site', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const response = await fetch(`${t.service.url}api/account/auto-top-up`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${secret}`,
        origin: new URL(t.service.url).origin,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ bundle_id: null }),
    });
    expect(response.status).toBe(200);
  });

  it('refuses a bundle of another plan', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const refused = await page('POST', 'bundles/cb_test_nope/buy', secret, { card_on_file: true });
    expect(refused.status).toBe(404);
    expect(refused.body.error?.param).toBe('bundle_id');
  });

  it('turns auto top-up on with a bundle of the plan, and off', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const { bundles } = (await page('GET', 'overview', secret)).body;
    const on = await page('PUT', 'auto-top-up', secret, { bundle_id: bundles[0]?.id });
    expect(on.status).toBe(200);
    expect(on.body.auto_top_up_bundle_id).toBe(bundles[0]?.id);
    const off = await page('PUT', 'auto-top-up', secret, { bundle_id: null });
    expect(off.body.auto_top_up_bundle_id).toBeNull();
  });

  it('replaces the card renewals are charged to', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const replaced = await page(
      'PUT',
      'card',
      secret,
      testPaymentMethod('4242 4242 4242 4242', '11 / 33'),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body.card).toEqual({
      brand: 'visa',
      last4: '4242',
      exp_month: 11,
      exp_year: 2033,
    });
    const invalid = await page('PUT', 'card', secret, { payment_method: 'pm_nope' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error?.param).toBe('payment_method');
  });
});

describe('plan changes from the account page', () => {
  /** The merchant's subscription reading, as its server gets it. */
  const pendingChange = async (customerId: string) =>
    (
      await api<{ subscription: { pending_change: Record<string, unknown> | null } }>(
        'GET',
        `customers/${customerId}/subscription`,
      )
    ).body.subscription.pending_change;
  const events = (type: string) => t.rows('webhook_events').filter((e) => e.type === type).length;

  it('schedules a downgrade for the cycle’s end, which the merchant reads, and undoes it', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const free = (await page('GET', 'overview', secret)).body.plans.find(
      (plan) => plan.change === 'downgrade',
    );
    if (!free) throw new Error('the dev merchant has a cheaper plan (Free)');
    const updates = events('subscription.updated');
    const changed = await page('POST', 'plan', secret, { plan_id: free.id });
    expect(changed.status).toBe(200);
    expect(changed.body.summary.plan?.id).toBe(t.devMerchant.planId);
    expect(changed.body.summary.pending_change).toMatchObject({
      type: 'downgrade',
      plan_id: free.id,
      effective_at: '2026-12-22T12:00:00.000Z',
    });
    expect(await pendingChange(customerId)).toMatchObject({ type: 'downgrade' });
    expect(events('subscription.updated')).toBeGreaterThan(updates);

    const undone = await page('DELETE', 'pending-change', secret);
    expect(undone.body.summary.pending_change).toBeNull();
    expect(await pendingChange(customerId)).toBeNull();
  });

  it('upgrades at once, charging the card on file', async () => {
    const customerId = await subscribedCustomer(t);
    const team = await api<{ plan_id: string }>('POST', 'plans', {
      name: 'Team',
      period_amount: '99.00',
      billing_interval: 'month',
      included_credit: '60.00',
    });
    const secret = await sessionFor(customerId);
    const changed = await page('POST', 'plan', secret, { plan_id: team.body.plan_id });
    expect(changed.status).toBe(200);
    expect(changed.body.summary.plan?.id).toBe(team.body.plan_id);
    expect(changed.body.payments.length).toBe(2);
  });

  it('cancels at the cycle’s end, which the merchant reads, and undoes it', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const cancelled = await page('POST', 'cancellation', secret);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.summary).toMatchObject({
      status: 'active',
      pending_change: { type: 'cancellation', effective_at: '2026-12-22T12:00:00.000Z' },
    });
    expect(await pendingChange(customerId)).toMatchObject({ type: 'cancellation' });
    const kept = await page('DELETE', 'pending-change', secret);
    expect(kept.body.summary.pending_change).toBeNull();
  });

  it('refuses a plan of another merchant', async () => {
    const customerId = await subscribedCustomer(t);
    const other = await otherMerchant(t);
    const theirs = await other.api<{ plan_id: string }>('POST', 'plans', {
      name: 'Theirs',
      period_amount: '5.00',
      billing_interval: 'month',
      included_credit: '1.00',
    });
    const refused = await page('POST', 'plan', await sessionFor(customerId), {
      plan_id: theirs.body.plan_id,
    });
    expect(refused.status).toBe(404);
    expect(await pendingChange(customerId)).toBeNull();
  });
});

describe('what the account page’s API refuses', () => {
  it('lets a merchant’s page holding the token read the balance, and change nothing', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    for (const [method, path, body] of [
      ['GET', 'overview', undefined],
      ['PUT', 'auto-top-up', { bundle_id: null }],
      ['PUT', 'card', testPaymentMethod()],
      ['POST', 'cancellation', {}],
    ] as const) {
      // A merchant on a sibling subdomain: not refused as cross-site, but not the page either.
      const refused = await page(method, path, secret, body, 'same-site');
      expect(refused.status, path).toBe(403);
      expect(refused.body.error?.code, path).toBe('origin_not_allowed');
    }
  });

  it('refuses a session past its hour, a forged one and a checkout’s', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const checkout = await t.mint();
    t.clock.now += 61 * 60 * 1000;
    for (const [method, path, body] of [
      ['GET', 'overview', undefined],
      ['POST', 'bundles/cb_test_any/buy', { card_on_file: true }],
      ['PUT', 'auto-top-up', { bundle_id: null }],
      ['POST', 'plan', { plan_id: 'plan_test_any' }],
      ['POST', 'cancellation', undefined],
      ['DELETE', 'pending-change', undefined],
      ['PUT', 'card', { payment_method: 'pm_test_any' }],
    ] as const) {
      const refused = await page(method, path, secret, body);
      expect(refused.status, path).toBe(401);
      expect(refused.body.error?.code, path).toBe('customer_session_expired');
    }
    expect((await page('GET', 'overview', `${secret}x`)).body.error?.code).toBe(
      'customer_session_invalid',
    );
    expect((await page('GET', 'overview', checkout.secret)).body.error?.code).toBe(
      'customer_session_invalid',
    );
  });

  it('changes only the account of the session’s customer', async () => {
    const mine = await subscribedCustomer(t);
    const theirs = await subscribedCustomer(t, { phone: '+1 415 555 0199' });
    const secret = await sessionFor(mine);
    const { bundles } = (await page('GET', 'overview', secret)).body;
    await page('PUT', 'auto-top-up', secret, { bundle_id: bundles[0]?.id });
    const other = await page('GET', 'overview', await sessionFor(theirs));
    expect(other.body.summary.customer_id).toBe(theirs);
    expect(other.body.auto_top_up_bundle_id).toBeNull();
  });
});

describe('GET /embed/account/:secret', () => {
  /** The account page as the iframe loads it: its status, CSP and inlined account. */
  async function open(secret: string) {
    writeFileSync(
      join(t.pageDir, 'account.html'),
      '<!doctype html><html lang="en"><script id="lava-bootstrap" type="application/json">null</script><div id="root"></div></html>',
    );
    const response = await fetch(`${t.service.url}embed/account/${secret}`);
    const html = await response.text();
    const json = /<script id="lava-bootstrap" type="application\/json">(.*?)<\/script>/.exec(
      html,
    )?.[1];
    return {
      status: response.status,
      csp: response.headers.get('content-security-policy') ?? '',
      bootstrap: JSON.parse(json ?? 'null') as { status: string; overview?: AccountOverview },
    };
  }

  it('serves the customer’s account, framed only by the session’s origin', async () => {
    const customerId = await subscribedCustomer(t);
    const page = await open(await sessionFor(customerId));
    expect(page.status).toBe(200);
    expect(page.csp).toContain(`frame-ancestors ${TEST_ORIGIN}`);
    expect(page.bootstrap.status).toBe('active');
    expect(page.bootstrap.overview?.summary.customer_id).toBe(customerId);
  });

  it('opens no account for a checkout’s token, a forged one or one past its hour', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    const checkout = await t.mint();
    const forCheckout = await open(checkout.secret);
    expect(forCheckout.status).toBe(404);
    expect(forCheckout.bootstrap).toEqual({ status: 'invalid', originUrl: null });
    expect((await open(`${secret}x`)).status).toBe(404);
    t.clock.now += 61 * 60 * 1000;
    const late = await open(secret);
    expect(late.status).toBe(410);
    expect(late.bootstrap.status).toBe('expired');
  });

  it('opens no checkout with a customer session', async () => {
    const customerId = await subscribedCustomer(t);
    const response = await fetch(`${t.service.url}embed/checkout/${await sessionFor(customerId)}`);
    expect(response.status).toBe(404);
  });
});
