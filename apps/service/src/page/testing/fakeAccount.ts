import { fn } from 'storybook/test';
import type {
  AccountBootstrap,
  AccountBuyRequest,
  AccountOverview,
} from '../../shared/accountContract.ts';
import type { AccountApi } from '../account/createAccountApi.ts';
import { CheckoutApiError, type PageErrorCode } from '../createCheckoutApi.ts';
import { FAKE_BRAND } from './fakeBootstrap.ts';

export const FAKE_ACCOUNT_CUSTOMER_ID = 'con_test_01KACCOUNTSTORY0000000000';

/** Usage of a cycle that started on November 22, up to December 5. */
const USAGE = [
  '0.40',
  '1.25',
  '0.00',
  '2.10',
  '0.75',
  '3.30',
  '0.00',
  '0.00',
  '1.90',
  '2.45',
  '0.60',
  '4.05',
  '1.10',
  '0.85',
].map((amount, day) => ({
  date: new Date(Date.UTC(2026, 10, 22 + day)).toISOString().slice(0, 10),
  amount,
  requests: Math.round(Number(amount) * 40),
}));

/**
 * A subscriber to the Pro Plan halfway through a cycle, with a bundle bought and two plans to move
 * to; `overrides.summary` replaces only the summary's fields it names.
 */
export function fakeOverview({
  summary,
  ...overrides
}: Partial<Omit<AccountOverview, 'summary'>> & {
  summary?: Partial<AccountOverview['summary']>;
} = {}): AccountOverview {
  return {
    summary: {
      customer_id: FAKE_ACCOUNT_CUSTOMER_ID,
      status: 'active',
      plan: {
        id: 'plan_test_pro',
        name: 'Pro Plan',
        period_amount: '49.00',
        billing_interval: 'month',
        included_credit: '25.00',
      },
      credits: { total: '31.25', cycle: '6.25', bundle: '25.00' },
      cycle_end_at: '2026-12-22T12:00:00.000Z',
      pending_change: null,
      ...summary,
    },
    usage: USAGE,
    bundles: [
      { id: 'cb_test_small', name: '$10 Top-up', cost: '10.00', credits: '10.00' },
      { id: 'cb_test_large', name: '$25 Top-up', cost: '25.00', credits: '25.00' },
    ],
    auto_top_up_bundle_id: null,
    default_auto_top_up_bundle_id: 'cb_test_small',
    plans: [
      {
        id: 'plan_test_starter',
        name: 'Starter',
        period_amount: '19.00',
        billing_interval: 'month',
        included_credit: '8.00',
        change: 'downgrade',
      },
      {
        id: 'plan_test_team',
        name: 'Team',
        period_amount: '99.00',
        billing_interval: 'month',
        included_credit: '60.00',
        change: 'upgrade',
      },
    ],
    card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
    payments: [
      {
        id: 'pay_test_01KBUNDLE000000000000000',
        kind: 'bundle',
        description: '$25 Top-up',
        amount: '25.00',
        created_at: '2026-11-29T09:30:00.000Z',
        card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
      },
      {
        id: 'pay_test_01KPLAN00000000000000000',
        kind: 'plan',
        description: 'Pro Plan',
        amount: '49.00',
        created_at: '2026-11-22T12:00:00.000Z',
        card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 },
      },
    ],
    ...overrides,
  };
}

/** The account page's bootstrap for an overview, as the service inlines it. */
export function fakeAccountBootstrap(overview: AccountOverview = fakeOverview()): AccountBootstrap {
  return {
    status: 'active',
    originUrl: 'http://localhost:4000',
    testMode: true,
    processor: { kind: 'test' },
    merchant: FAKE_BRAND,
    overview,
    expiresInMs: 60 * 60_000,
  };
}

export interface FakeAccountApiOptions {
  /** Every change is refused with this code. */
  refuse?: PageErrorCode | 'invalid_state' | 'customer_session_expired';
}

/**
 * The account API played in the page, with no service: each change answers the overview as the
 * service would after it, and records its call.
 */
export function createFakeAccountApi(
  start: AccountOverview = fakeOverview(),
  options: FakeAccountApiOptions = {},
) {
  let overview = start;
  const answer = async (change: (current: AccountOverview) => AccountOverview) => {
    if (options.refuse) {
      throw new CheckoutApiError(402, options.refuse as PageErrorCode, 'Refused by the story.');
    }
    overview = change(overview);
    return overview;
  };
  const withSummary =
    (summary: Partial<AccountOverview['summary']>) => (current: AccountOverview) => ({
      ...current,
      summary: { ...current.summary, ...summary },
    });
  const api = {
    overview: fn(async () => overview),
    buy: fn(async (bundleId: string, _request: AccountBuyRequest) => {
      const next = await answer((current) => {
        const bundle = current.bundles.find((candidate) => candidate.id === bundleId);
        const credits = bundle?.credits ?? '0.00';
        const add = (value: string) => (Number(value) + Number(credits)).toFixed(2);
        return {
          ...current,
          summary: {
            ...current.summary,
            credits: {
              total: add(current.summary.credits.total),
              cycle: current.summary.credits.cycle,
              bundle: add(current.summary.credits.bundle),
            },
          },
          payments: [
            {
              id: 'pay_test_01KSTORYBUY0000000000000',
              kind: 'bundle' as const,
              description: bundle?.name ?? '',
              amount: bundle?.cost ?? '0.00',
              created_at: '2026-12-05T10:00:00.000Z',
              card: current.card,
            },
            ...current.payments,
          ],
        };
      });
      return { status: 'succeeded' as const, overview: next };
    }),
    setAutoTopUp: fn((bundleId: string | null) =>
      answer((current) => ({ ...current, auto_top_up_bundle_id: bundleId })),
    ),
    changePlan: fn((planId: string) =>
      answer((current) => {
        const plan = current.plans.find((candidate) => candidate.id === planId);
        if (plan?.change === 'upgrade') {
          return withSummary({
            plan: {
              id: plan.id,
              name: plan.name,
              period_amount: plan.period_amount,
              billing_interval: plan.billing_interval,
              included_credit: plan.included_credit,
            },
          })(current);
        }
        return withSummary({
          pending_change: {
            type: 'downgrade',
            effective_at: current.summary.cycle_end_at,
            plan_id: planId,
            name: plan?.name ?? '',
          },
        })(current);
      }),
    ),
    cancelAtCycleEnd: fn(() =>
      answer((current) =>
        withSummary({
          pending_change: { type: 'cancellation', effective_at: current.summary.cycle_end_at },
        })(current),
      ),
    ),
    undoPendingChange: fn(() => answer(withSummary({ pending_change: null }))),
    replaceCard: fn((_paymentMethod: string) =>
      answer((current) => ({
        ...current,
        card: { brand: 'visa', last4: '4242', exp_month: 11, exp_year: 2033 },
      })),
    ),
  } satisfies AccountApi;
  return api;
}
