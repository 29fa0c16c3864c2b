import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AccountOverview } from '../../shared/accountContract.ts';
import { fakeStripeProcessor } from '../testing/fakeStripeProcessor.ts';
import { merchantApi } from '../testing/merchantApi.ts';
import { type FakeStripe, startFakeStripe } from '../testing/startFakeStripe.ts';
import { startTestService, TEST_ORIGIN, type TestService } from '../testing/startTestService.ts';

let stripe: FakeStripe;
let t: TestService;

beforeEach(async () => {
  stripe = await startFakeStripe({ latencyMs: 3 });
  t = await startTestService({
    parts: {
      payments: fakeStripeProcessor(stripe),
    },
  });
});

afterEach(async () => {
  await t.close();
  await stripe.close();
});

/** A customer subscribed with a Stripe card, and a customer session's secret for them. */
async function subscribedWithStripe(): Promise<{ customerId: string; secret: string }> {
  const phone = '+14155550100';
  const session = await t.mint();
  await t.post('phone', session.secret, { phone });
  await t.post('code', session.secret, { code: await t.latestCode(phone) });
  const paid = (await (
    await t.post('subscribe', session.secret, {
      payment_method: await stripe.createPaymentMethod({ number: '4242 4242 4242 4242' }),
    })
  ).json()) as { customer_id: string };
  const created = await merchantApi(t, t.devMerchant.secretKey)<{
    customer_session_token: string;
  }>('POST', 'customer_sessions', { customer_id: paid.customer_id, origin_url: TEST_ORIGIN });
  const decoded = decodeCheckoutToken(created.body.customer_session_token);
  if (!decoded.ok) throw new Error(decoded.message);
  return { customerId: paid.customer_id, secret: decoded.token.secret };
}

const asThePage = (secret: string, method: string, path: string, body?: unknown) =>
  fetch(`${t.service.url}api/account/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${secret}`,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json',
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('the account page, paying with Stripe', () => {
  it('saves a new card to the same Stripe customer, so the card on file it becomes can be charged', async () => {
    const { secret } = await subscribedWithStripe();
    const [first] = t.rows('payment_methods');
    const customer = first?.processor_customer_ref as string;
    expect(customer).toMatch(/^cus_/);

    const card = await stripe.createPaymentMethod({ number: '5555 5555 5555 4444' });
    const replaced = await asThePage(secret, 'PUT', 'card', { payment_method: card });
    expect(replaced.status).toBe(200);
    expect(((await replaced.json()) as AccountOverview).card).toMatchObject({ last4: '4444' });
    expect(stripe.paymentMethodCustomer(card)).toBe(customer);

    const { bundles } = (await (
      await asThePage(secret, 'GET', 'overview')
    ).json()) as AccountOverview;
    const bought = await asThePage(secret, 'POST', `bundles/${bundles[0]?.id}/buy`, {
      card_on_file: true,
    });
    expect(await bought.json()).toMatchObject({ status: 'succeeded' });
    const intents = stripe.paymentIntents().filter((intent) => intent.status === 'succeeded');
    expect(intents.at(-1)).toMatchObject({ payment_method: card, customer });
  });

  it('hands 3-D Secure of a new card to the page, then finishes the purchase it names', async () => {
    const { secret } = await subscribedWithStripe();
    const { bundles } = (await (
      await asThePage(secret, 'GET', 'overview')
    ).json()) as AccountOverview;
    const bundle = bundles[0];
    const asked = (await (
      await asThePage(secret, 'POST', `bundles/${bundle?.id}/buy`, {
        payment_method: await stripe.createPaymentMethod({ number: '4000 0027 6000 3184' }),
      })
    ).json()) as { status: string; charge: string; purchase: string };
    expect(asked).toMatchObject({
      status: 'requires_action',
      purchase: expect.stringMatching(/^cs_test_/),
    });

    await stripe.answerChallenge(asked.charge, 'complete');
    const finished = await asThePage(secret, 'POST', `bundles/${bundle?.id}/buy`, {
      charge: asked.charge,
      purchase: asked.purchase,
    });
    const body = (await finished.json()) as { status: string; overview: AccountOverview };
    expect(body.status).toBe('succeeded');
    expect(body.overview.summary.credits.bundle).toBe(bundle?.credits);

    // Another customer's purchase id finishes nothing.
    const again = await asThePage(secret, 'POST', `bundles/${bundle?.id}/buy`, {
      charge: asked.charge,
      purchase: 'cs_test_01KNOTYOURS0000000000000000',
    });
    expect(again.status).toBe(400);
  });
});
