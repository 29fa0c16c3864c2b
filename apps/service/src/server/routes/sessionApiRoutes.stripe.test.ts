import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PAYMENT_LEASE_MS } from '../checkoutSessions/limits.ts';
import { recoverPayments } from '../payments/recoverPayments.ts';
import { fakeStripeProcessor } from '../testing/fakeStripeProcessor.ts';
import { type FakeStripe, startFakeStripe } from '../testing/startFakeStripe.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

let stripe: FakeStripe;
beforeEach(async () => {
  // A few milliseconds a call, like a processor across a network.
  stripe = await startFakeStripe({ latencyMs: 3 });
});
// After the service closes: after-each hooks run last-registered first.
afterEach(async () => {
  await stripe.close();
});
const t = testServiceEachTest(() => ({
  parts: {
    payments: fakeStripeProcessor(stripe),
  },
}));

/** A session whose phone is verified, ready to pay. */
async function verifiedSession(phone = '+1 415 555 0100') {
  const session = await t.mint();
  await t.post('phone', session.secret, { phone });
  await t.post('code', session.secret, { code: await t.latestCode(phone.replace(/\s/g, '')) });
  return session;
}

const pay = async (secret: string, number: string) =>
  t.post('subscribe', secret, {
    payment_method: await stripe.createPaymentMethod({ number }),
  });

const sessionStatus = (id: string) =>
  t.rows('checkout_sessions').find((session) => session.id === id)?.status;

const succeededIntents = () =>
  stripe.paymentIntents().filter((intent) => intent.status === 'succeeded');

describe('the page API, paying with Stripe', () => {
  it('tells the page to make payment methods with the publishable key', async () => {
    const { secret } = await t.mint();
    const html = await (await fetch(`${t.service.url}embed/checkout/${secret}`)).text();
    expect(html).toContain('"processor":{"kind":"stripe","publishableKey":"pk_test_fake"}');
    expect(html).not.toContain(stripe.secretKey);
  });

  it('subscribes with a card the page made, and keeps the Stripe customer for renewals', async () => {
    const { id, secret } = await verifiedSession();
    const response = await pay(secret, '4242 4242 4242 4242');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'succeeded', checkout_session_id: id });

    const [intent] = succeededIntents();
    expect(intent).toMatchObject({ amount: 4900, currency: 'usd' });
    expect(t.rows('payments')).toEqual([
      expect.objectContaining({ status: 'succeeded', processor_ref: intent?.id }),
    ]);
    expect(t.rows('payment_methods')).toEqual([
      expect.objectContaining({
        processor_ref: intent?.payment_method,
        processor_customer_ref: intent?.customer,
        brand: 'visa',
        last4: '4242',
      }),
    ]);
    expect(stripe.paymentMethodCustomer(intent?.payment_method ?? '')).toBe(intent?.customer);
  });

  it.each([
    ['4000 0000 0000 0002', 'card_declined', 'Your card was declined. Try another card.'],
    [
      '4000 0000 0000 9995',
      'insufficient_funds',
      'Your card has insufficient funds. Try another card.',
    ],
  ])(
    'declines %s with 402 %s, and lets the customer try another card',
    async (number, code, message) => {
      const { id, secret } = await verifiedSession();
      const declined = await pay(secret, number);
      expect(declined.status).toBe(402);
      expect(await declined.json()).toEqual({ error: { code, message } });
      expect(sessionStatus(id)).toBe('phone_verified');
      expect(t.rows('subscriptions')).toEqual([]);

      expect((await pay(secret, '4242424242424242')).status).toBe(200);
      expect(succeededIntents()).toHaveLength(1);
    },
  );

  it('hands 3-D Secure to the page, then completes once the customer passed it', async () => {
    const { id, secret } = await verifiedSession();
    const response = await pay(secret, '4000 0027 6000 3184');
    const [intent] = stripe.paymentIntents();
    expect(await response.json()).toEqual({
      status: 'requires_action',
      charge: intent?.id,
      client_secret: intent?.client_secret,
    });
    expect(sessionStatus(id)).toBe('processing');

    await stripe.answerChallenge(intent?.id ?? '', 'complete');
    const finished = await t.post('subscribe', secret, { charge: intent?.id });
    expect(finished.status).toBe(200);
    expect(await finished.json()).toMatchObject({ status: 'succeeded', checkout_session_id: id });
    expect(t.rows('subscriptions')).toHaveLength(1);
  });

  it('refuses a failed 3-D Secure challenge in words, and makes the session payable again', async () => {
    const { id, secret } = await verifiedSession();
    await pay(secret, '4000002760003184');
    const [intent] = stripe.paymentIntents();
    await stripe.answerChallenge(intent?.id ?? '', 'fail');

    const finished = await t.post('subscribe', secret, { charge: intent?.id });
    expect(finished.status).toBe(402);
    expect(await finished.json()).toMatchObject({ error: { code: 'authentication_failed' } });
    expect(sessionStatus(id)).toBe('phone_verified');
    expect((await pay(secret, '4242424242424242')).status).toBe(200);
  });

  it("will not finish another session's charge", async () => {
    const first = await verifiedSession('+1 415 555 0100');
    await pay(first.secret, '4000002760003184');
    const [intent] = stripe.paymentIntents();
    await stripe.answerChallenge(intent?.id ?? '', 'complete');

    const other = await verifiedSession('+1 415 555 0101');
    const response = await t.post('subscribe', other.secret, { charge: intent?.id });
    expect(response.status).toBe(400);
    expect(sessionStatus(other.id)).toBe('phone_verified');
  });

  it('says nothing was charged when Stripe cannot be reached at all', async () => {
    const { id, secret } = await verifiedSession();
    const card = await stripe.createPaymentMethod({ number: '4242424242424242' });
    stripe.cutNetwork();
    const response = await t.post('subscribe', secret, { payment_method: card });
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({
      error: {
        code: 'processing_error',
        message: 'We could not reach the card network. Nothing was charged. Try again in a moment.',
      },
    });
    expect(t.rows('payments')).toEqual([]);
    expect(sessionStatus(id)).toBe('phone_verified');
  });

  it('when the answer to a charge is lost, says so, and recovery later completes it: one charge', async () => {
    const { id, secret } = await verifiedSession();
    const card = await stripe.createPaymentMethod({ number: '4242424242424242' });
    // Stripe takes the money, then the network fails before its answer comes back.
    stripe.cutNetwork({ afterHandling: /\/confirm$/ });
    const response = await t.post('subscribe', secret, { payment_method: card });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({
      error: { code: 'processing_error', message: expect.stringMatching(/not be charged twice/) },
    });
    expect(sessionStatus(id)).toBe('processing');
    expect(succeededIntents()).toHaveLength(1);

    // A second try while the first is unsettled charges nothing.
    stripe.restoreNetwork();
    expect((await pay(secret, '4242424242424242')).status).toBe(409);

    t.clock.now += PAYMENT_LEASE_MS + 1000;
    expect(await recoverPayments(t.service.services)).toBe(1);
    expect(sessionStatus(id)).toBe('completed');
    expect(t.rows('subscriptions')).toEqual([
      expect.objectContaining({ status: 'active', checkout_session_id: id }),
    ]);
    expect(succeededIntents()).toHaveLength(1);
    expect(stripe.paymentIntents()).toHaveLength(1);
  });

  it('when the answer to creating a charge is lost, nothing moved: the customer pays again at once', async () => {
    const { id, secret } = await verifiedSession();
    const card = await stripe.createPaymentMethod({ number: '4242424242424242' });
    // Stripe records the charge, and the network fails before its answer comes back.
    stripe.cutNetwork({ afterHandling: /\/payment_intents$/ });
    expect((await t.post('subscribe', secret, { payment_method: card })).status).toBe(502);
    expect(sessionStatus(id)).toBe('phone_verified');
    expect(succeededIntents()).toEqual([]);

    stripe.restoreNetwork();
    expect((await pay(secret, '4242424242424242')).status).toBe(200);
    expect(succeededIntents()).toHaveLength(1);
  });
});
