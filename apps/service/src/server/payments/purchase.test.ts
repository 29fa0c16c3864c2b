import { describe, expect, it } from 'vitest';
import { fromCreditUnits } from '../credits/creditUnits.ts';
import { formatMoney } from '../platform/money/Money.ts';
import { testPaymentMethod } from '../testing/startTestService.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

const PHONE = '+14155550100';
const MINUTE = 60_000;

const t = testServiceEachTest();

const payments = () =>
  t
    .rows('payments')
    .map((row) => ({
      kind: row.kind,
      status: row.status,
      amount: row.amount,
      session_id: row.session_id,
      subscription_id: row.subscription_id,
      credit_bundle_id: row.credit_bundle_id,
    }))
    .sort((a, b) => String(a.kind).localeCompare(String(b.kind)));

describe('the purchase pipeline', () => {
  it('buys a plan, then a credit bundle of it, each as a payment of its kind belonging to its checkout session', async () => {
    const plan = await t.mint();
    await t.post('phone', plan.secret, { phone: PHONE });
    await t.post('code', plan.secret, { code: await t.latestCode(PHONE) });
    const subscribed = (await (
      await t.post('subscribe', plan.secret, testPaymentMethod())
    ).json()) as {
      status: string;
      customer_id: string;
      subscription_id: string;
    };
    expect(subscribed.status).toBe('succeeded');
    // Past the phone's send limits for the second code.
    t.clock.now += 11 * MINUTE;

    const bundle = t.rows('credit_bundles').find((row) => row.cost === '25.00');
    if (!bundle) throw new Error('the development plan has no 25.00 bundle');
    const topUp = await t.mint({
      checkout_mode: 'credit_bundle',
      customer_id: subscribed.customer_id,
      credit_bundle_id: String(bundle.id),
    });
    await t.post('phone', topUp.secret, {});
    await t.post('code', topUp.secret, { code: await t.latestCode(PHONE) });
    const bought = await (await t.post('buy', topUp.secret, { card_on_file: true })).json();
    expect(bought).toMatchObject({
      status: 'succeeded',
      customer_id: subscribed.customer_id,
      subscription_id: subscribed.subscription_id,
    });

    expect(payments()).toEqual([
      {
        kind: 'bundle',
        status: 'succeeded',
        amount: '25.00',
        session_id: topUp.id,
        subscription_id: null,
        credit_bundle_id: bundle.id,
      },
      {
        kind: 'plan',
        status: 'succeeded',
        amount: '49.00',
        session_id: plan.id,
        subscription_id: null,
        credit_bundle_id: null,
      },
    ]);
    // What each kind records: the subscription, then the bundle's credits on it.
    expect(t.rows('subscriptions').map((row) => row.id)).toEqual([subscribed.subscription_id]);
    expect(
      t
        .rows('credit_grants')
        .filter((row) => row.source === 'bundle')
        .map((row) => formatMoney(fromCreditUnits(BigInt(row.amount as number)))),
    ).toEqual(['25.00']);
    expect(t.rows('checkout_sessions').map((row) => row.status)).toEqual([
      'completed',
      'completed',
    ]);
  });
});
