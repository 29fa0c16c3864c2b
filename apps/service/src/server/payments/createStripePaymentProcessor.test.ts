import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeStripe, startFakeStripe } from '../testing/startFakeStripe.ts';
import { createStripePaymentProcessor } from './createStripePaymentProcessor.ts';
import type { ChargeInput, PaymentProcessor } from './PaymentProcessor.ts';

let stripe: FakeStripe;
let processor: PaymentProcessor;

beforeEach(async () => {
  stripe = await startFakeStripe({ latencyMs: 2 });
  processor = createStripePaymentProcessor({
    secretKey: stripe.secretKey,
    publishableKey: stripe.publishableKey,
    apiUrl: stripe.url,
    // A lost request fails at once here; the retry path is Stripe's library's own.
    maxNetworkRetries: 0,
  });
});

afterEach(async () => {
  await stripe.close();
});

const charge = (paymentMethodRef: string, key = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R:1') =>
  ({
    paymentMethodRef,
    amount: '49.00',
    currency: 'usd',
    description: 'Lava Demo Merchant: Pro Plan',
    idempotencyKey: key,
  }) satisfies ChargeInput;

/** Requests our server made with the secret key (not the page's, nor the customer's). */
const serverRequests = () => stripe.requests.filter((request) => request.auth === 'secret');

describe('createStripePaymentProcessor', () => {
  it('gives the page its publishable key, never the secret one', () => {
    expect(processor.page).toEqual({ kind: 'stripe', publishableKey: 'pk_test_fake' });
  });

  it('reads a payment method the page made: brand, last 4 and expiry', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4242 4242 4242 4242' });
    expect(await processor.readPaymentMethod(ref)).toEqual({
      processorRef: ref,
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2034,
    });
    expect(await processor.readPaymentMethod('pm_unknown')).toBeNull();
  });

  it('never sends Stripe something that is not a payment method id, such as a card number', async () => {
    expect(await processor.readPaymentMethod('4242424242424242')).toBeNull();
    expect(serverRequests()).toEqual([]);
  });

  it('charges 49.00 as 4900 cents to a new customer, saves the card for renewals, and says so', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4242424242424242' });
    const { chargeRef } = await processor.createCharge(charge(ref));
    expect(await processor.getCharge(chargeRef)).toEqual({ status: 'unconfirmed' });

    const state = await processor.confirmCharge(chargeRef, charge(ref).idempotencyKey);

    const [customer] = stripe.customerIds();
    expect(state).toEqual({ status: 'succeeded', customerRef: customer });
    expect(stripe.paymentIntents()).toEqual([
      expect.objectContaining({
        id: chargeRef,
        amount: 4900,
        currency: 'usd',
        status: 'succeeded',
        customer,
        payment_method: ref,
        setup_future_usage: 'off_session',
        description: 'Lava Demo Merchant: Pro Plan',
        metadata: { lava_payment_key: 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R:1' },
      }),
    ]);
    expect(stripe.paymentMethodCustomer(ref)).toBe(customer);
    // Every call that creates or moves something carries a key derived from ours.
    expect(
      serverRequests()
        .filter((request) => request.method === 'POST')
        .map((request) => [request.path.replace(/pi_\w+/, 'pi_*'), request.idempotencyKey]),
    ).toEqual([
      ['/v1/customers', 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R:1:customer'],
      ['/v1/payment_intents', 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R:1'],
      ['/v1/payment_intents/pi_*/confirm', 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R:1:confirm'],
    ]);
  });

  it('names the same charge when created again with the same key, and moves no money doing so', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4242424242424242' });
    const first = await processor.createCharge(charge(ref));
    const again = await processor.createCharge(charge(ref));
    expect(again).toEqual(first);
    expect(stripe.paymentIntents()).toHaveLength(1);
    expect(stripe.paymentIntents()[0]?.status).toBe('requires_confirmation');

    // Confirming twice under the same key replays the first answer: one charge.
    await processor.confirmCharge(first.chargeRef, 'k');
    expect(await processor.confirmCharge(first.chargeRef, 'k')).toMatchObject({
      status: 'succeeded',
    });
    expect(stripe.paymentIntents().filter((intent) => intent.status === 'succeeded')).toHaveLength(
      1,
    );
  });

  it('charges a card on file as the customer it is saved to, and makes no customer anew', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4242424242424242' });
    const first = await processor.createCharge(charge(ref));
    const saved = await processor.confirmCharge(first.chargeRef, 'k1');
    const customerRef = saved.status === 'succeeded' ? saved.customerRef : undefined;
    expect(customerRef).toMatch(/^cus_/);

    // Without its customer, Stripe refuses a saved card.
    await expect(processor.createCharge(charge(ref, 'cs_test_2:1'))).rejects.toThrow(
      /previously attached to a Customer/,
    );
    const customers = stripe.customerIds().length;
    const again = await processor.createCharge({ ...charge(ref, 'cs_test_3:1'), customerRef });
    expect(await processor.confirmCharge(again.chargeRef, 'k3')).toEqual({
      status: 'succeeded',
      customerRef,
    });
    expect(stripe.customerIds()).toHaveLength(customers);
    expect(stripe.paymentIntents().at(-1)).toMatchObject({
      customer: customerRef,
      setup_future_usage: null,
      status: 'succeeded',
    });
  });

  /** A card paid for at checkout, saved to its customer: what a renewal charges off-session. */
  const savedCard = async (number: string) => {
    const ref = await stripe.createPaymentMethod({ number });
    const first = await processor.createCharge(charge(ref, 'cs_test_saved:1'));
    const state = await processor.confirmCharge(first.chargeRef, 'cs_test_saved:1');
    return { ref, state };
  };

  it('renews off-session: a confirmed PaymentIntent of the saved customer and card, asking no one', async () => {
    const { ref, state } = await savedCard('4242424242424242');
    const customerRef = state.status === 'succeeded' ? state.customerRef : undefined;
    const key = 'renewal:sub_test_1:2026-11-22T12:00:00.000Z';
    const renewal = await processor.createCharge({ ...charge(ref, key), customerRef });
    expect(await processor.confirmCharge(renewal.chargeRef, key, { offSession: true })).toEqual({
      status: 'succeeded',
      customerRef,
    });
    const confirm = serverRequests().find(
      (request) => request.path === `/v1/payment_intents/${renewal.chargeRef}/confirm`,
    );
    expect(confirm?.params).toEqual({ off_session: 'true' });
    expect(stripe.paymentIntents().at(-1)).toMatchObject({
      customer: customerRef,
      status: 'succeeded',
    });
  });

  it('is declined off-session with 4000 0000 0000 0341, which paid at checkout', async () => {
    const { ref, state } = await savedCard('4000000000000341');
    expect(state.status).toBe('succeeded');
    const customerRef = state.status === 'succeeded' ? state.customerRef : undefined;
    const renewal = await processor.createCharge({ ...charge(ref, 'renewal:a'), customerRef });
    expect(
      await processor.confirmCharge(renewal.chargeRef, 'renewal:a', { offSession: true }),
    ).toEqual({ status: 'failed', failure: expect.objectContaining({ code: 'card_declined' }) });
  });

  it('is refused off-session as needing authentication with 4000 0027 6000 3184, never asking for it', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4000002760003184' });
    const first = await processor.createCharge(charge(ref, 'cs_test_3ds:1'));
    const asked = await processor.confirmCharge(first.chargeRef, 'cs_test_3ds:1');
    expect(asked.status).toBe('requires_action');
    await stripe.answerChallenge(first.chargeRef, 'complete');
    const paid = await processor.getCharge(first.chargeRef);
    const customerRef = paid.status === 'succeeded' ? paid.customerRef : undefined;
    expect(customerRef).toMatch(/^cus_/);
    const renewal = await processor.createCharge({ ...charge(ref, 'renewal:b'), customerRef });
    expect(
      await processor.confirmCharge(renewal.chargeRef, 'renewal:b', { offSession: true }),
    ).toEqual({
      status: 'failed',
      failure: expect.objectContaining({ code: 'authentication_required' }),
    });
  });

  it('refuses the same key with another card', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4242424242424242' });
    const other = await stripe.createPaymentMethod({ number: '5555555555554444' });
    await processor.createCharge(charge(ref));
    await expect(processor.createCharge(charge(other))).rejects.toThrow(/same parameters/);
    expect(stripe.paymentIntents()).toHaveLength(1);
  });

  it.each([
    ['4000000000000002', 'card_declined', 'Your card was declined. Try another card.', null],
    [
      '4000000000009995',
      'insufficient_funds',
      'Your card has insufficient funds. Try another card.',
      null,
    ],
    // A lost card is declined in plain words: its reason would only help a thief.
    ['4000000000009987', 'card_declined', 'Your card was declined. Try another card.', null],
    ['4000000000000069', 'expired_card', 'Your card has expired. Try another card.', 'card_expiry'],
    [
      '4000000000000127',
      'incorrect_cvc',
      "Your card's security code is incorrect. Check it and try again.",
      'card_cvc',
    ],
  ])('declines %s as %s, in words a customer can act on', async (number, code, message, param) => {
    const ref = await stripe.createPaymentMethod({ number });
    const { chargeRef } = await processor.createCharge(charge(ref));
    const declined = {
      status: 'failed',
      failure: param ? { code, message, param } : { code, message },
    };
    expect(await processor.confirmCharge(chargeRef, 'k')).toEqual(declined);
    // Asked later (recovery), the charge tells the same story.
    expect(await processor.getCharge(chargeRef)).toEqual(declined);
  });

  it('asks for 3-D Secure with the client secret, then succeeds once the customer completes it', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4000 0027 6000 3184' });
    const { chargeRef } = await processor.createCharge(charge(ref));
    const state = await processor.confirmCharge(chargeRef, 'k');
    const intent = stripe.paymentIntents()[0];
    expect(state).toEqual({ status: 'requires_action', clientSecret: intent?.client_secret });
    // The page's Stripe.js runs the challenge in the page, not through a redirect.
    expect(intent?.next_action).toMatchObject({ type: 'use_stripe_sdk' });

    await stripe.answerChallenge(chargeRef, 'complete');
    expect(await processor.getCharge(chargeRef)).toEqual({
      status: 'succeeded',
      customerRef: stripe.customerIds()[0],
    });
  });

  it('fails a charge whose 3-D Secure challenge failed', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4000002760003184' });
    const { chargeRef } = await processor.createCharge(charge(ref));
    await processor.confirmCharge(chargeRef, 'k');
    await stripe.answerChallenge(chargeRef, 'fail');
    expect(await processor.getCharge(chargeRef)).toEqual({
      status: 'failed',
      failure: {
        code: 'authentication_failed',
        message:
          'We could not confirm this payment with your bank. Try again, or use another card.',
      },
    });
  });

  it('rejects when Stripe cannot be reached, and reads the truth once it can', async () => {
    const ref = await stripe.createPaymentMethod({ number: '4242424242424242' });
    const { chargeRef } = await processor.createCharge(charge(ref));
    // The confirmation reaches Stripe and moves the money, but its answer is lost.
    stripe.cutNetwork({ afterHandling: /\/confirm$/ });
    await expect(processor.confirmCharge(chargeRef, 'k')).rejects.toThrow();
    await expect(processor.getCharge(chargeRef)).rejects.toThrow();

    stripe.restoreNetwork();
    expect(await processor.getCharge(chargeRef)).toMatchObject({ status: 'succeeded' });
    expect(await processor.confirmCharge(chargeRef, 'k')).toMatchObject({ status: 'succeeded' });
    expect(stripe.paymentIntents()).toHaveLength(1);
  });

  it('cancels a charge nobody will finish, and leaves a succeeded one alone', async () => {
    const card = await stripe.createPaymentMethod({ number: '4000002760003184' });
    const waiting = await processor.createCharge(charge(card, 'a:1'));
    await processor.confirmCharge(waiting.chargeRef, 'a:1');
    await processor.cancelCharge(waiting.chargeRef);
    expect(await processor.getCharge(waiting.chargeRef)).toMatchObject({
      status: 'failed',
      failure: { code: 'processing_error' },
    });

    const paid = await processor.createCharge(
      charge(await stripe.createPaymentMethod({ number: '4242424242424242' }), 'b:1'),
    );
    await processor.confirmCharge(paid.chargeRef, 'b:1');
    await processor.cancelCharge(paid.chargeRef);
    expect(await processor.getCharge(paid.chargeRef)).toMatchObject({ status: 'succeeded' });
    expect(serverRequests().filter((request) => request.path.endsWith('/cancel'))).toHaveLength(1);
  });
});
