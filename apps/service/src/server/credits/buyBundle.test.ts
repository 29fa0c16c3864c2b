import { describe, expect, it } from 'vitest';
import { recoverPayments } from '../payments/recoverPayments.ts';
import { formatMoney } from '../platform/money/Money.ts';
import { merchantApi } from '../testing/merchantApi.ts';
import { testPaymentMethod } from '../testing/startTestService.ts';
import { subscriberPastSendLimits } from '../testing/subscriberPastSendLimits.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';
import { fromCreditUnits, toCreditUnits } from './creditUnits.ts';

const PHONE = '+14155550100';
const MINUTE = 60_000;

const t = testServiceEachTest();

/** A customer subscribed to the development plan with 4242, past the phone's send limits. */
const subscriber = () => subscriberPastSendLimits(t, PHONE);

/** The development plan's "$25 Top-up" bundle (25.00 for 25.00 of credit). */
const topUp = () => {
  const bundle = t.rows('credit_bundles').find((row) => row.cost === '25.00');
  if (!bundle) throw new Error('the development plan has no 25.00 bundle');
  return String(bundle.id);
};

async function bundleSession(customerId: string, bundleId = topUp()) {
  return t.mint({
    checkout_mode: 'credit_bundle',
    customer_id: customerId,
    credit_bundle_id: bundleId,
  });
}

/** Sends the code to the phone on file and verifies it; returns the verification's answer. */
async function verify(secret: string): Promise<Record<string, unknown>> {
  expect((await t.post('phone', secret, {})).status).toBe(200);
  const response = await t.post('code', secret, { code: await t.latestCode(PHONE) });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** A subscriber's bundle checkout, the code to the phone on file verified: ready to buy. */
async function verifiedBundleSession() {
  const customerId = await subscriber();
  const session = await bundleSession(customerId);
  await verify(session.secret);
  return { customerId, session };
}

/** What is left of each bundle grant, as the API writes amounts. */
const balance = () =>
  t
    .rows('credit_grants')
    .filter((row) => row.source === 'bundle')
    .map((row) =>
      formatMoney(fromCreditUnits(BigInt(row.remaining as number))).replace(/\.00$/, ''),
    );

const page = async (secret: string) => {
  const response = await fetch(`${t.service.url}embed/checkout/${secret}`);
  const json = /<script id="lava-bootstrap" type="application\/json">(.*?)<\/script>/s.exec(
    await response.text(),
  )?.[1];
  return { status: response.status, bootstrap: JSON.parse(json ?? 'null') as unknown };
};

describe('a credit bundle checkout', () => {
  it("finds the customer by the merchant's reference id, when the server helper minted the session with it", async () => {
    const customerId = await subscriber();
    const api = merchantApi(t, t.devMerchant.secretKey);
    expect(
      (await api('PATCH', `customers/${customerId}`, { reference_id: 'user_42' })).status,
    ).toBe(200);
    const session = await bundleSession('user_42');
    expect(await page(session.secret)).toMatchObject({
      status: 200,
      bootstrap: { status: 'active', returning: { phoneLast4: '0100' }, phoneInput: null },
    });
    expect(await verify(session.secret)).toMatchObject({ card_on_file: { last4: '4242' } });
    const bought = await t.post('buy', session.secret, { card_on_file: true });
    expect(await bought.json()).toMatchObject({ status: 'succeeded', customer_id: customerId });
    expect(balance()).toEqual(['25']);
  });

  it('shows the bundle and texts the phone on file, then shows the card on file once verified', async () => {
    const customerId = await subscriber();
    const session = await bundleSession(customerId);
    expect(await page(session.secret)).toMatchObject({
      status: 200,
      bootstrap: {
        status: 'active',
        offer: {
          kind: 'credit_bundle',
          bundleName: '$25 Top-up',
          price: '25.00',
          credits: '25.00',
          planName: 'Pro Plan',
        },
        returning: { phoneLast4: '0100' },
        phoneInput: null,
        cardOnFile: null,
      },
    });
    expect((await t.post('phone', session.secret, {})).status).toBe(200);
    // A reload at the code step shows the number on file by its last digits only.
    expect((await page(session.secret)).bootstrap).toMatchObject({
      step: 'code',
      phone: '•••• 0100',
    });
    t.clock.now += 60_000;
    // Having the plan does not end a bundle checkout at the code, as it ends a plan's.
    expect(await verify(session.secret)).toEqual({
      verified: true,
      card_on_file: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
    });
    expect((await page(session.secret)).bootstrap).toMatchObject({
      step: 'payment',
      cardOnFile: { brand: 'visa', last4: '4242' },
    });
  });

  it('charges the card on file once and adds the credits in the same transaction', async () => {
    const { customerId, session } = await verifiedBundleSession();
    const response = await t.post('buy', session.secret, { card_on_file: true });
    expect(response.status).toBe(200);
    const subscription = t.rows('subscriptions')[0];
    expect(await response.json()).toEqual({
      status: 'succeeded',
      checkout_session_id: session.id,
      customer_id: customerId,
      subscription_id: subscription?.id,
    });
    expect(balance()).toEqual(['25']);
    expect(t.rows('payments').map((row) => [row.amount, row.status, row.credit_bundle_id])).toEqual(
      [
        ['49.00', 'succeeded', null],
        ['25.00', 'succeeded', topUp()],
      ],
    );
    // Bought with the card on file: no card is added, and the plan is not sold again.
    expect(t.rows('payment_methods')).toHaveLength(1);
    expect(t.rows('subscriptions')).toHaveLength(1);
    const events = t.rows('webhook_events').map((row) => JSON.parse(String(row.payload)));
    expect(events.slice(-2)).toEqual([
      expect.objectContaining({
        event: 'checkout.completed',
        data: expect.objectContaining({
          checkout_session_id: session.id,
          checkout_mode: 'credit_bundle',
          credit_bundle_id: topUp(),
          customer_id: customerId,
        }),
      }),
      expect.objectContaining({
        event: 'credits.purchased',
        data: expect.objectContaining({ credit_amount: '25.00', credit_bundle_id: topUp() }),
      }),
    ]);
    expect((await page(session.secret)).bootstrap).toMatchObject({
      status: 'completed',
      mode: 'credit_bundle',
    });
    // Once bought, the session is over: buying again charges nothing more.
    expect((await t.post('buy', session.secret, { card_on_file: true })).status).toBe(409);
    expect(balance()).toEqual(['25']);
  });

  it('buys with a new card after a decline, and keeps the new card with the customer', async () => {
    const { session } = await verifiedBundleSession();
    const declined = await t.post('buy', session.secret, testPaymentMethod('4000 0000 0000 0002'));
    expect(declined.status).toBe(402);
    expect(await declined.json()).toMatchObject({ error: { code: 'card_declined' } });
    expect(balance()).toEqual([]);

    const paid = await t.post(
      'buy',
      session.secret,
      testPaymentMethod('4242 4242 4242 4242', '01 / 30'),
    );
    expect(paid.status).toBe(200);
    expect(balance()).toEqual(['25']);
    expect(t.rows('payment_methods').map((row) => row.exp_year)).toEqual([2034, 2030]);
  });

  it('names the field of a card the processor refused for one field', async () => {
    const { session } = await verifiedBundleSession();
    const response = await t.post('buy', session.secret, testPaymentMethod('4000 0000 0000 0127'));
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({
      error: { code: 'incorrect_cvc', param: 'card_cvc' },
    });
  });

  it('is refused for a customer without the plan, and sells nothing on the wrong endpoint', async () => {
    const customerId = await subscriber();
    const db = t.service.services.db;
    await db.updateTable('subscriptions').set({ status: 'cancelled' }).execute();
    const session = await bundleSession(customerId);
    expect((await page(session.secret)).status).toBe(404);
    await verify(session.secret);
    const refused = await t.post('buy', session.secret, { card_on_file: true });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'subscription_inactive' } });
    await db.updateTable('subscriptions').set({ status: 'active' }).execute();
    expect((await t.post('subscribe', session.secret, testPaymentMethod())).status).toBe(400);
    const plan = await t.mint();
    expect((await t.post('buy', plan.secret, { card_on_file: true })).status).toBe(400);
    expect(balance()).toEqual([]);
  });

  it('is invalid for a bundle or customer the merchant does not have', async () => {
    const customerId = await subscriber();
    expect((await page((await bundleSession(customerId, 'cb_test_nope')).secret)).status).toBe(404);
    const stranger = await bundleSession('con_test_01KK2NQPKARMY7D3HK65C2ZSYK');
    expect((await page(stranger.secret)).status).toBe(404);
    expect((await t.post('phone', stranger.secret, {})).status).toBe(401);
  });

  it('adds the credits of a payment recovery settles after the request was lost', async () => {
    const { session } = await verifiedBundleSession();
    const db = t.service.services.db;
    await t.post('buy', session.secret, { card_on_file: true });
    // As if the request had died after the charge: the payment left pending, no credits.
    const bundles = db.selectFrom('credit_grants').select('id').where('source', '=', 'bundle');
    await db.deleteFrom('credit_entries').where('grant_id', 'in', bundles).execute();
    await db.deleteFrom('credit_grants').where('source', '=', 'bundle').execute();
    await db
      .updateTable('credit_accounts')
      .set({ available: toCreditUnits('25') })
      .execute();
    await db.deleteFrom('webhook_events').where('type', '=', 'credits.purchased').execute();
    await db
      .updateTable('payments')
      .set({ status: 'pending', locked_until: new Date(t.clock.now).toISOString() })
      .where('credit_bundle_id', 'is not', null)
      .execute();
    t.clock.now += 5 * MINUTE;
    expect(await recoverPayments(t.service.services)).toBe(1);
    expect(balance()).toEqual(['25']);
    expect(t.rows('payments').map((row) => row.status)).toEqual(['succeeded', 'succeeded']);
  });
});
