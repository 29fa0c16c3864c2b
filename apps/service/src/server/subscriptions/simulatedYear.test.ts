import { join } from 'node:path';
import { Lava } from '@lavapayments/nodejs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkLedger } from '../credits/checkLedger.ts';
import { fromCreditUnits, readCreditUnits, toCreditUnits } from '../credits/creditUnits.ts';
import { maybeAutoTopUp } from '../credits/maybeAutoTopUp.ts';
import { setAutoTopUp } from '../credits/setAutoTopUp.ts';
import { buyBundleFromAccount } from '../customerSessions/buyBundleFromAccount.ts';
import type { CustomerSessionContext } from '../customerSessions/verifyCustomerSession.ts';
import { formatMoney } from '../platform/money/Money.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import { seedSubscriptions } from '../testing/seedSubscriptions.ts';
import {
  START,
  startTestService,
  type TestService,
  testPaymentMethod,
} from '../testing/startTestService.ts';
import { recordUsage } from '../usage/recordUsage.ts';
import { parseRenewalKey, RENEWAL_RETRY_DAYS } from './renewalKey.ts';
import { renewDue } from './renewSubscriptions.ts';

// A year of billing, day by day, on the service's own use cases against a real database file:
// 1,000 customers on monthly, weekly and yearly plans (rollover none and full), usage every day
// by every customer (365,000 recordings), bundles bought mid-cycle from the account page and
// charged on the test processor, auto top-up on for a fifth, 5 % of cards declined at renewal and
// 1 % needing authentication. Beside it the test keeps its own account of every customer
// (cycles, credits by grant, usage due), from the rules the README states, and holds the
// service to it: every cycle charged once and for what it owed, failed renewals retried on
// schedule and ending on the Free plan, every bundle charged once and granted once, every
// balance its ledger's, and the published SDK's `customers.getSubscription` showing each
// sampled customer's cycle and credits.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const CUSTOMERS = 1000;
const DAYS = 365;
/** Auto top-ups a cycle: the merchant's default cap. */
const TOP_UP_CAP = 5;

type Interval = 'week' | 'month' | 'year';
interface PlanSpec {
  /** Of every 100 customers, how many are on it. */
  share: number;
  interval: Interval;
  period: string;
  included: string;
  rollover: 'none' | 'full';
}
const PLANS: PlanSpec[] = [
  { share: 25, interval: 'month', period: '20.00', included: '10.00', rollover: 'none' },
  { share: 25, interval: 'month', period: '20.00', included: '10.00', rollover: 'full' },
  { share: 6, interval: 'week', period: '5.00', included: '2.50', rollover: 'none' },
  { share: 6, interval: 'week', period: '5.00', included: '2.50', rollover: 'full' },
  { share: 19, interval: 'year', period: '200.00', included: '100.00', rollover: 'none' },
  { share: 19, interval: 'year', period: '200.00', included: '100.00', rollover: 'full' },
];
/** Where each plan's customers start: customers are numbered plan by plan. */
const PLAN_FIRST = PLANS.map((_, p) =>
  Math.round((PLANS.slice(0, p).reduce((sum, plan) => sum + plan.share, 0) * CUSTOMERS) / 100),
);
/** Every plan's bundle: 5.00 of credit for 5.00, bought at checkout or by auto top-up. */
const BUNDLE = toCreditUnits('5.00');

const CARDS = {
  pays: testPaymentMethod('4242 4242 4242 4242').payment_method,
  declinedOffSession: testPaymentMethod('4000 0000 0000 0341').payment_method,
  authenticationRequired: testPaymentMethod('4000 0027 6000 3184').payment_method,
  declined: testPaymentMethod('4000 0000 0000 0002').payment_method,
};
/** 5 % declined at renewal, 1 % needing authentication, the rest paying. */
const cardOf = (i: number) =>
  i % 100 < 5
    ? CARDS.declinedOffSession
    : i % 100 === 5
      ? CARDS.authenticationRequired
      : CARDS.pays;
const planOf = (i: number) => PLAN_FIRST.filter((first) => first <= i).length - 1;
/** A fifth, some with cards that fail. */
const autoTopUp = (i: number) => i % 5 === 2;
/** What each uses a day: 20,000 to 140,000 tokens at 3.00 a million, 0.06 to 0.42. */
const tokensOf = (i: number) => 20_000 * (1 + (i % 7));
/** When each started: yearly plans a month before the year, so their renewal falls in it. */
const startOf = (plan: PlanSpec) => (plan.interval === 'year' ? START - 30 * DAY : START);
/**
 * A quarter buy a bundle every 40 days, each on a day of their own, from the account page with
 * the card on file; those whose card is declined at renewal try a new card, declined as well.
 * Those on the Free plan by then are refused: it has no bundles.
 */
const buysBundle = (i: number, day: number) => i % 4 === 1 && (day + i) % 40 === 0;
const NEW_CARD_BUYER = (i: number) => cardOf(i) === CARDS.declinedOffSession;

function addInterval(at: number, interval: Interval, n = 1): number {
  const d = new Date(at);
  if (interval === 'week') return at + 7 * n * DAY;
  if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.getTime();
}
function groupBy<T>(items: T[], key: (item: T) => string | null): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
const floorToCents = (units: bigint) => {
  const cent = toCreditUnits('0.01');
  return (units / cent) * cent;
};

/** What the test expects of one customer. */
interface Account {
  i: number;
  plan: PlanSpec;
  state: 'active' | 'free';
  cycleStart: number;
  cycleEnd: number;
  rollover: { left: bigint; expiresAt: number } | null;
  cycle: bigint;
  /** Bundle and top-up credit, oldest first. */
  bundles: bigint[];
  overageDue: bigint;
  topUps: number;
  /** Every top-up charged over the year, paid or declined. */
  topUpCharges: number;
  topUpDeclined: boolean;
  /** What each renewal charged, in order. */
  renewals: string[];
  /** When each failed renewal attempt ran. */
  failures: number[];
  freeStart: number | null;
  /** Each bundle bought from the account page, and how it ended. */
  purchases: { at: number; outcome: string }[];
}

const available = (a: Account) =>
  (a.rollover?.left ?? 0n) + a.cycle + a.bundles.reduce((sum, b) => sum + b, 0n);

function draw(a: Account, amount: bigint, now: number) {
  let left = amount;
  const take = (from: bigint) => {
    const taken = left < from ? left : from;
    left -= taken;
    return from - taken;
  };
  if (a.rollover && a.rollover.expiresAt > now) a.rollover.left = take(a.rollover.left);
  a.cycle = take(a.cycle);
  a.bundles = a.bundles.map(take);
  a.overageDue += left;
}

function renew(a: Account) {
  const charged = floorToCents(a.overageDue);
  a.renewals.push(formatMoney(fromCreditUnits(toCreditUnits(a.plan.period) + charged)));
  a.overageDue -= charged;
  const carried = a.cycle;
  a.cycleStart = a.cycleEnd;
  a.cycleEnd = addInterval(a.cycleStart, a.plan.interval);
  a.rollover =
    a.plan.rollover === 'full' && carried > 0n ? { left: carried, expiresAt: a.cycleEnd } : null;
  a.cycle = toCreditUnits(a.plan.included);
  // The plans keep bundle credit when they roll over, and expire it when they do not.
  if (a.plan.rollover === 'none') a.bundles = [];
  a.topUps = 0;
  a.topUpDeclined = false;
}

/** The renewal job's day, as the README says it goes: on time, or retried 1, 3, 5 days on. */
function renewalsDue(a: Account, now: number) {
  if (a.state !== 'active') return;
  const pays = cardOf(a.i) === CARDS.pays;
  while (a.cycleEnd <= now && pays) renew(a);
  if (a.cycleEnd > now || pays) return;
  const first = a.failures[0];
  if (first === undefined) {
    a.failures.push(now);
    return;
  }
  const retry = RENEWAL_RETRY_DAYS[a.failures.length - 1];
  if (retry !== undefined && now >= first + retry * DAY) a.failures.push(now);
  if (a.failures.length > RENEWAL_RETRY_DAYS.length) {
    a.state = 'free';
    a.freeStart = now;
  }
}

let t: TestService;
const accounts: Account[] = [];
const ids = (i: number) => ({ customer: `con_y${i}`, subscription: `sub_y${i}` });
let freePlanId = '';
let planIds: string[] = [];

/** The customer's session on their account page, as its routes hand it to a purchase. */
async function accountOf(i: number): Promise<CustomerSessionContext> {
  const customer = await t.service.services.db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', ids(i).customer)
    .executeTakeFirstOrThrow();
  const iat = Math.floor(t.clock.now / 1000);
  return {
    merchantId: t.devMerchant.merchantId,
    customer,
    claims: {
      typ: 'customer',
      sub: customer.id,
      origin: 'https://merchant.test',
      iat,
      exp: iat + 3600,
    },
  };
}

beforeAll(async () => {
  // The test runs the renewal job itself, once a simulated day: the service's own timer would
  // renew on wall-clock minutes, in the middle of a day's usage when the machine is slow.
  t = await startTestService({
    config: { payments: { kind: 'test', latencyMs: 0 }, jobs: false },
  });
  const { db } = t.service.services;
  const merchant = { id: t.devMerchant.merchantId, environment: 'test' as const };
  const at = new Date(START).toISOString();
  await db
    .insertInto('meters')
    .values({
      id: 'prd_test_year',
      merchant_id: merchant.id,
      name: 'Tokens',
      slug: 'year-tokens',
      rate_type: 'fixed',
      tier_type: 'tokens_1m',
      tiers: JSON.stringify([{ start: '0', rate: '3.00' }]),
      created_at: at,
      deleted_at: null,
    })
    .execute();
  planIds = PLANS.map((_, p) => `sc_test_year${p}`);
  for (const [p, plan] of PLANS.entries()) {
    await db
      .insertInto('plans')
      .values({
        id: planIds[p] as string,
        merchant_id: merchant.id,
        name: `${plan.interval} ${plan.rollover}`,
        period_amount: plan.period,
        billing_interval: plan.interval,
        included_credit: plan.included,
        rollover_type: plan.rollover,
        bundle_rollover_type: plan.rollover,
        created_at: at,
        default_auto_top_up_bundle_id: null,
        deleted_at: null,
      })
      .execute();
    await db
      .insertInto('plan_meters')
      .values({ plan_id: planIds[p] as string, meter_id: 'prd_test_year' })
      .execute();
    await db
      .insertInto('credit_bundles')
      .values({
        id: `cb_test_year${p}`,
        plan_id: planIds[p] as string,
        name: 'Five',
        cost: '5.00',
        credit_amount: '5.00',
        created_at: at,
        deleted_at: null,
      })
      .execute();
  }
  freePlanId = (
    await db
      .selectFrom('plans')
      .select('id')
      .where('merchant_id', '=', merchant.id)
      .where('is_free', '=', 1)
      .executeTakeFirstOrThrow()
  ).id;

  for (const [p, plan] of PLANS.entries()) {
    const first = PLAN_FIRST[p] as number;
    const count = (PLAN_FIRST[p + 1] ?? CUSTOMERS) - first;
    // One call per card: each customer's card is the one `cardOf` gives it.
    for (const card of Object.values(CARDS)) {
      const mine = Array.from({ length: count }, (_, k) => first + k).filter(
        (i) => cardOf(i) === card,
      );
      for (const i of mine) {
        await seedSubscriptions(db, {
          merchant,
          plan: { id: planIds[p] as string, included_credit: plan.included },
          count: 1,
          card,
          cycleStartAt: new Date(startOf(plan)).toISOString(),
          cycleEndAt: new Date(addInterval(startOf(plan), plan.interval)).toISOString(),
          prefix: 'y',
          first: i,
        });
      }
    }
    for (let i = first; i < first + count; i++) {
      accounts[i] = {
        i,
        plan,
        state: 'active',
        cycleStart: startOf(plan),
        cycleEnd: addInterval(startOf(plan), plan.interval),
        rollover: null,
        cycle: toCreditUnits(plan.included),
        bundles: [],
        overageDue: 0n,
        topUps: 0,
        topUpCharges: 0,
        topUpDeclined: false,
        renewals: [],
        failures: [],
        freeStart: null,
        purchases: [],
      };
      if (autoTopUp(i)) {
        await setAutoTopUp(t.service.services, {
          merchantId: merchant.id,
          customerId: ids(i).customer,
          bundleId: `cb_test_year${p}`,
        });
      }
    }
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('a simulated year of billing', () => {
  it('charges every cycle once, retries and falls back on schedule, and every balance is its ledger', async () => {
    const services = t.service.services;
    const merchant = { id: t.devMerchant.merchantId, environment: 'test' as const };
    const started = Date.now();
    const spent = { jobs: 0, usage: 0, bundles: 0 };
    let mark = Date.now();
    const lap = (what: keyof typeof spent) => {
      spent[what] += Date.now() - mark;
      mark = Date.now();
    };
    for (let day = 1; day <= DAYS; day++) {
      const now = START + day * DAY;
      t.clock.now = now;
      // The renewal job's day: what fell due, and the retries of failed renewals.
      await renewDue(services);
      for (const a of accounts) renewalsDue(a, now);
      lap('jobs');

      // The day's usage, customers side by side.
      await Promise.all(
        accounts.map(async (a) => {
          const tokens = tokensOf(a.i);
          await recordUsage(services, merchant, {
            request_id: `d${day}-${a.i}`,
            customer_id: ids(a.i).customer,
            meter_slug: 'year-tokens',
            input_tokens: tokens,
            output_tokens: 0,
            input_characters: 0,
            output_characters: 0,
            input_seconds: 0,
            output_seconds: 0,
            metadata: {},
          });
          // The Free plan draws nothing: its meterless usage is recorded only.
          if (a.state !== 'active') return;
          draw(a, toCreditUnits((tokens * 3) / 1_000_000), now);
          if (!autoTopUp(a.i)) return;
          // As `POST /v1/requests` does after a draw.
          await maybeAutoTopUp(services, { customerId: ids(a.i).customer });
          if (available(a) > 0n || a.topUpDeclined || a.topUps >= TOP_UP_CAP) return;
          a.topUpCharges += 1;
          if (cardOf(a.i) !== CARDS.pays) {
            a.topUpDeclined = true;
            return;
          }
          a.topUps += 1;
          // Its credit pays the usage still due first.
          // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.min does not take
          const covered = a.overageDue < BUNDLE ? a.overageDue : BUNDLE;
          a.overageDue -= covered;
          a.bundles.push(BUNDLE - covered);
        }),
      );

      lap('usage');
      // Bundles bought mid-cycle, an hour later, from the account page: a charge on the test
      // processor, the credit granted once it succeeds.
      t.clock.now = now + HOUR;
      await Promise.all(
        accounts.map(async (a) => {
          if (!buysBundle(a.i, day)) return;
          const bought = await buyBundleFromAccount(
            services,
            await accountOf(a.i),
            `cb_test_year${planOf(a.i)}`,
            NEW_CARD_BUYER(a.i) ? { payment_method: CARDS.declined } : { card_on_file: true },
            null,
          ).then(
            (answer) => answer.status,
            (error: unknown) => (error instanceof ServiceError ? error.code : String(error)),
          );
          a.purchases.push({ at: now + HOUR, outcome: bought });
          // The customer is there to pay: a card declined only off-session pays, and one that
          // asks for authentication off-session counts as authenticated, as checkout charges do.
          const expected =
            a.state !== 'active'
              ? 'not_found'
              : NEW_CARD_BUYER(a.i)
                ? 'card_declined'
                : 'succeeded';
          expect({ i: a.i, day, bought }).toEqual({ i: a.i, day, bought: expected });
          if (bought === 'succeeded') a.bundles.push(BUNDLE);
        }),
      );
      lap('bundles');
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log('Lava Checkout simulated year:', {
      customers: CUSTOMERS,
      days: DAYS,
      seconds,
      spent,
    });

    // Every balance is the sum of its ledger, to the cent and below.
    expect(await checkLedger(services.db)).toEqual([]);

    // The processor's record and the payments table: each cycle charged once, for what it owed.
    const ledger = new Database(join(t.dataDir, 'test-processor.sqlite'), { readonly: true });
    const processorCharges = ledger
      .prepare('select ref, idempotency_key, payment_method, amount, status from charges')
      .all() as {
      ref: string;
      idempotency_key: string;
      payment_method: string;
      amount: string;
      status: string;
    }[];
    ledger.close();
    const charges = processorCharges.filter((c) => c.idempotency_key.startsWith('renewal:'));
    const renewals = await services.db
      .selectFrom('payments')
      .select(['subscription_id', 'idempotency_key', 'amount', 'status', 'created_at'])
      .where('kind', '=', 'renewal')
      .orderBy('created_at')
      .execute();
    const bySubscription = groupBy(renewals, (p) => p.subscription_id);
    const cycleCharges = groupBy(
      charges.filter((c) => c.status === 'succeeded'),
      (c) =>
        `${parseRenewalKey(c.idempotency_key)?.subscriptionId} ${parseRenewalKey(c.idempotency_key)?.cycleStartAt}`,
    );
    expect([...cycleCharges.values()].filter((list) => list.length !== 1)).toEqual([]);

    const subscriptions = await services.db
      .selectFrom('subscriptions')
      .select(['id', 'customer_id', 'plan_id', 'status', 'cycle_start_at', 'cycle_end_at'])
      .where('customer_id', 'like', 'con_y%')
      .execute();
    const ofCustomer = groupBy(subscriptions, (s) => s.customer_id);
    let renewed = 0;
    for (const a of accounts) {
      const mine = bySubscription.get(ids(a.i).subscription) ?? [];
      const theirs = ofCustomer.get(ids(a.i).customer) ?? [];
      if (cardOf(a.i) === CARDS.pays) {
        renewed += a.renewals.length;
        expect({ i: a.i, charged: mine.map((p) => [p.status, p.amount]) }).toEqual({
          i: a.i,
          charged: a.renewals.map((amount) => ['succeeded', amount]),
        });
        expect(theirs).toEqual([
          expect.objectContaining({
            status: 'active',
            cycle_start_at: new Date(a.cycleStart).toISOString(),
            cycle_end_at: new Date(a.cycleEnd).toISOString(),
          }),
        ]);
      } else {
        // Tried when the cycle ended, then 1, 3 and 5 days after, then the Free plan.
        expect({
          i: a.i,
          attempts: mine.map((p) => [p.status, Date.parse(p.created_at)]),
        }).toEqual({ i: a.i, attempts: a.failures.map((at) => ['failed', at]) });
        const first = a.failures[0] as number;
        expect(a.failures.map((at) => (at - first) / DAY)).toEqual(
          [0, ...RENEWAL_RETRY_DAYS].slice(0, a.failures.length),
        );
        expect({ i: a.i, subscriptions: theirs.map((s) => [s.plan_id, s.status]).sort() }).toEqual({
          i: a.i,
          subscriptions:
            a.state === 'free'
              ? [
                  [planIds[planOf(a.i)], 'cancelled'],
                  [freePlanId, 'active'],
                ].sort()
              : [[planIds[planOf(a.i)], 'active']],
        });
      }
    }
    // Every declined card ran out of retries.
    expect(
      accounts.filter((a) => cardOf(a.i) !== CARDS.pays && a.state !== 'free').map((a) => a.i),
    ).toEqual([]);
    expect(charges.filter((c) => c.status === 'succeeded')).toHaveLength(renewed);

    // Every bundle bought: one payment of its checkout, charged once on the processor with the
    // card it was bought with, and (when it succeeded) granted once.
    const bundlePayments = await services.db
      .selectFrom('payments')
      .innerJoin('checkout_sessions', 'checkout_sessions.id', 'payments.session_id')
      .select([
        'checkout_sessions.customer_id',
        'payments.session_id',
        'payments.idempotency_key',
        'payments.processor_ref',
        'payments.amount',
        'payments.status',
        'payments.created_at',
      ])
      .where('payments.kind', '=', 'bundle')
      .orderBy('payments.created_at')
      .execute();
    const chargeOf = groupBy(processorCharges, (c) => c.idempotency_key);
    const grants = await services.db
      .selectFrom('credit_grants')
      .select(['customer_id', 'amount', 'created_at'])
      .where('source', '=', 'bundle')
      .execute();
    const purchased = await services.db
      .selectFrom('webhook_events')
      .select('payload')
      .where('type', '=', 'credits.purchased')
      .execute();
    const purchasedOf = groupBy(
      purchased.map((e) => JSON.parse(e.payload) as { data: { checkout_session_id: string } }),
      (e) => e.data.checkout_session_id,
    );
    const paymentsOf = groupBy(bundlePayments, (p) => p.customer_id);
    const grantsOf = groupBy(grants, (g) => g.customer_id);
    let bought = 0;
    for (const a of accounts) {
      const charged = a.purchases.filter((p) => p.outcome !== 'not_found');
      const succeeded = a.purchases.filter((p) => p.outcome === 'succeeded');
      bought += succeeded.length;
      const mine = paymentsOf.get(ids(a.i).customer) ?? [];
      expect({
        i: a.i,
        payments: mine.map((p) => [p.status, p.amount, Date.parse(p.created_at)]),
      }).toEqual({
        i: a.i,
        payments: charged.map((p) => [
          p.outcome === 'succeeded' ? 'succeeded' : 'failed',
          '5.00',
          p.at,
        ]),
      });
      for (const payment of mine) {
        expect({ i: a.i, charges: chargeOf.get(payment.idempotency_key) ?? [] }).toEqual({
          i: a.i,
          charges: [
            {
              ref: payment.processor_ref,
              idempotency_key: payment.idempotency_key,
              payment_method: NEW_CARD_BUYER(a.i) ? CARDS.declined : cardOf(a.i),
              amount: '5.00',
              status: payment.status,
            },
          ],
        });
        expect({
          i: a.i,
          announced: purchasedOf.get(payment.session_id)?.length ?? 0,
        }).toEqual({ i: a.i, announced: payment.status === 'succeeded' ? 1 : 0 });
      }
      expect({
        i: a.i,
        grants: (grantsOf.get(ids(a.i).customer) ?? [])
          .map((g) => [Date.parse(g.created_at), readCreditUnits(g.amount)])
          .sort(),
      }).toEqual({ i: a.i, grants: succeeded.map((p) => [p.at, BUNDLE]) });
    }
    // Every charge on the processor is a renewal's, a bundle's or an auto top-up's.
    const topUps = processorCharges.filter((c) => c.idempotency_key.startsWith('top_up:'));
    expect(topUps).toHaveLength(accounts.reduce((n, a) => n + a.topUpCharges, 0));
    expect(processorCharges).toHaveLength(charges.length + bundlePayments.length + topUps.length);
    expect(bundlePayments.filter((p) => p.status === 'succeeded')).toHaveLength(bought);
    // The year saw every end of a purchase: paid, declined, and refused on the Free plan.
    expect(new Set(accounts.flatMap((a) => a.purchases.map((p) => p.outcome)))).toEqual(
      new Set(['succeeded', 'card_declined', 'not_found']),
    );

    // The published SDK, over HTTP, shows a sample's cycle and credits as the test counted them.
    const lava = new Lava(t.devMerchant.secretKey, { baseUrl: `${t.service.url}v1/` });
    const sample = accounts.filter((a) => a.i % 37 === 0 || a.i % 100 === 2);
    for (const a of sample) {
      const { subscription } = await lava.customers.getSubscription(ids(a.i).customer);
      const now = t.clock.now;
      if (a.state === 'free') {
        const freeStart = a.freeStart as number;
        let start = freeStart;
        while (addInterval(start, 'month') <= now - HOUR) start = addInterval(start, 'month');
        expect({ i: a.i, ...subscription }).toEqual(
          expect.objectContaining({
            i: a.i,
            plan_id: freePlanId,
            cycle_start_at: new Date(start).toISOString(),
            cycle_end_at: new Date(addInterval(start, 'month')).toISOString(),
            credits: { total_remaining: '0.00', cycle_remaining: '0.00', bundle_remaining: '0.00' },
          }),
        );
        continue;
      }
      const cycle = (a.rollover && a.rollover.expiresAt > now ? a.rollover.left : 0n) + a.cycle;
      const bundle = a.bundles.reduce((sum, b) => sum + b, 0n);
      const money = (units: bigint) => formatMoney(fromCreditUnits(units));
      expect({ i: a.i, ...subscription }).toEqual(
        expect.objectContaining({
          i: a.i,
          subscription_id: ids(a.i).subscription,
          plan_id: planIds[planOf(a.i)],
          status: 'active',
          cycle_start_at: new Date(a.cycleStart).toISOString(),
          cycle_end_at: new Date(a.cycleEnd).toISOString(),
          credits: {
            total_remaining: money(cycle + bundle),
            cycle_remaining: money(cycle),
            bundle_remaining: money(bundle),
          },
        }),
      );
    }
  }, 600_000);
});
