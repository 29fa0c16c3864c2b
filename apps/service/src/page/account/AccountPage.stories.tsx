import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { AccountBootstrap } from '../../shared/accountContract.ts';
import '../styles.css';
import './account.css';
import { createFakeBridge } from '../testing/createFakeBridge.ts';
import {
  createFakeAccountApi,
  type FakeAccountApiOptions,
  fakeAccountBootstrap,
  fakeOverview,
} from '../testing/fakeAccount.ts';
import { phoneStoryLayout } from '../testing/phoneStoryLayout.ts';
import { playState } from '../testing/playState.ts';
import { STORY_VARIANTS, type StoryVariant } from '../testing/STORY_VARIANTS.ts';
import type { StatePlay } from '../testing/StatePlay.ts';
import { typeCard } from '../testing/typeCard.ts';
import type { AccountRoute } from './AccountHome.tsx';
import { AccountPage } from './AccountPage.tsx';
import { ACCOUNT_MESSAGES, type AccountMessages } from './accountMessages.ts';

const meta = {
  title: 'Account page/AccountPage',
  component: AccountPage,
  args: {
    bootstrap: fakeAccountBootstrap(),
    api: createFakeAccountApi(),
    bridge: createFakeBridge(),
    languages: ['en-US'],
  },
  ...phoneStoryLayout,
} satisfies Meta<typeof AccountPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One state of the account page, written once, shown in a language and a theme. */
interface State {
  bootstrap?: AccountBootstrap;
  api?: FakeAccountApiOptions;
  route?: AccountRoute;
  play: StatePlay<
    {
      api: ReturnType<typeof createFakeAccountApi>;
      bridge: ReturnType<typeof createFakeBridge>;
    },
    { t: AccountMessages }
  >;
}

const story = (state: State, { lang, theme }: StoryVariant): Story => {
  const bootstrap = state.bootstrap ?? fakeAccountBootstrap();
  return {
    args: {
      bootstrap,
      api: createFakeAccountApi(
        bootstrap.status === 'active' ? bootstrap.overview : fakeOverview(),
        state.api,
      ),
      bridge: createFakeBridge({ locale: lang }),
      initialRoute: state.route ?? null,
    },
    parameters: { theme },
    play: playState(state.play, lang, { t: ACCOUNT_MESSAGES[lang] }),
  };
};

/** Text as Testing Library reads it: Spanish amounts hold a no-break space. */
const like = (text: string) =>
  new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s/g, '\\s'));

const { EN, EN_DARK, ES, ES_DARK } = STORY_VARIANTS;

/** The account at a glance: plan and renewal, credits, usage per day (chart and table), bundles, card, payments. */
const overview: State = {
  play: async ({ canvas, i18n, t }) => {
    await expect(canvas.getByRole('heading', { level: 2, name: t.title })).toBeVisible();
    await expect(canvas.getByText('Pro Plan')).toBeVisible();
    await expect(
      canvas.getByText(t.plan.renews(i18n.date('2026-12-22T12:00:00.000Z'))),
    ).toBeVisible();
    await expect(canvas.getByText(like(i18n.money('31.25')))).toBeVisible();
    await expect(canvas.getByRole('img', { name: /./ })).toBeVisible();
    await userEvent.click(canvas.getByText(t.usage.table));
    await expect(canvas.getByRole('columnheader', { name: t.usage.requests })).toBeVisible();
    await expect(canvas.getByText(t.autoTopUp.off)).toBeVisible();
    // The merchant's own links, as the checkout shows them.
    await expect(canvas.getByRole('link', { name: i18n.t.summary.terms })).toHaveAttribute(
      'href',
      'https://acme.example.com/terms',
    );
  },
};

/** The customer comes back to the page: it reads the account again, credits and all. */
const readAgain: State = {
  play: async ({ canvas, args }) => {
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(args.api.overview).toHaveBeenCalled());
    await expect(canvas.getByRole('heading', { level: 2 })).toBeVisible();
  },
};

/** A new cycle with no usage yet. */
const noUsage: State = {
  bootstrap: fakeAccountBootstrap(
    fakeOverview({ usage: [{ date: '2026-12-05', amount: '0.00', requests: 0 }] }),
  ),
  play: async ({ canvas, t }) => {
    await expect(canvas.getByText(t.usage.none)).toBeVisible();
  },
};

/** A customer without a plan: nothing to change, the payments they made. */
const noPlan: State = {
  bootstrap: fakeAccountBootstrap(
    fakeOverview({
      summary: {
        status: 'none',
        plan: null,
        credits: { total: '0.00', cycle: '0.00', bundle: '0.00' },
        cycle_end_at: null,
      },
      bundles: [],
      plans: [],
      card: null,
      usage: [],
    }),
  ),
  play: async ({ canvas, t }) => {
    await expect(canvas.getByText(t.plan.none)).toBeVisible();
    await expect(canvas.getByText(t.card.none)).toBeVisible();
  },
};

/** A downgrade waits for the cycle's end, and can be undone. */
const pendingDowngrade: State = {
  bootstrap: fakeAccountBootstrap(
    fakeOverview({
      summary: {
        pending_change: {
          type: 'downgrade',
          effective_at: '2026-12-22T12:00:00.000Z',
          plan_id: 'plan_test_starter',
          name: 'Starter',
        },
      },
    }),
  ),
  play: async ({ canvas, args, i18n, t }) => {
    await expect(
      canvas.getByText(t.plan.changesOn('Starter', i18n.date('2026-12-22T12:00:00.000Z'))),
    ).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: t.plan.undo }));
    await expect(args.api.undoPendingChange).toHaveBeenCalled();
    await expect(await canvas.findByRole('status')).toHaveTextContent(t.cancel.undone);
  },
};

/** A cancellation at the cycle's end, and keeping the plan after all. */
const pendingCancellation: State = {
  bootstrap: fakeAccountBootstrap(
    fakeOverview({
      summary: {
        pending_change: { type: 'cancellation', effective_at: '2026-12-22T12:00:00.000Z' },
      },
    }),
  ),
  play: async ({ canvas, i18n, t }) => {
    await expect(
      canvas.getByText(t.plan.endsOn(i18n.date('2026-12-22T12:00:00.000Z'))),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: t.plan.undoCancellation })).toBeVisible();
  },
};

/** Auto top-up turned on, with the plan's default bundle. */
const autoTopUp: State = {
  play: async ({ canvas, args, t }) => {
    await userEvent.click(canvas.getByRole('checkbox', { name: t.autoTopUp.toggle }));
    await expect(args.api.setAutoTopUp).toHaveBeenCalledWith('cb_test_small');
    await expect(await canvas.findByRole('status')).toHaveTextContent(t.autoTopUp.on('$10 Top-up'));
  },
};

/** Buying a bundle with the card on file: the credits rise, the receipt is listed. */
const buyWithCardOnFile: State = {
  route: { screen: 'buy', bundleId: 'cb_test_large' },
  play: async ({ canvas, args, i18n, t }) => {
    await expect(canvas.getByRole('heading', { name: t.bundles.buy('$25 Top-up') })).toHaveFocus();
    await userEvent.click(
      canvas.getByRole('button', { name: like(t.bundles.pay(i18n.money('25.00'))) }),
    );
    await expect(args.api.buy).toHaveBeenCalledWith('cb_test_large', { card_on_file: true });
    await expect(await canvas.findByRole('status')).toHaveTextContent(
      like(t.bundles.bought(i18n.money('25.00'))),
    );
    await expect(canvas.getByText(like(i18n.money('56.25')))).toBeVisible();
  },
};

/** Buying a bundle with a new card, typed into the processor's fields. */
const buyWithNewCard: State = {
  route: { screen: 'buy', bundleId: 'cb_test_small' },
  play: async ({ canvas, args, i18n }) => {
    await userEvent.click(canvas.getByRole('radio', { name: i18n.t.payment.newCard }));
    await typeCard(userEvent, canvas, i18n.t, { number: '4242424242424242', expiry: '1133' });
    await userEvent.click(canvas.getByRole('button', { name: /10/ }));
    await waitFor(() =>
      expect(args.api.buy).toHaveBeenCalledWith('cb_test_small', {
        payment_method: expect.stringMatching(/^pm_test\./),
      }),
    );
  },
};

/** The card is declined: the screen says so and the customer stays to try another. */
const buyDeclined: State = {
  route: { screen: 'buy', bundleId: 'cb_test_small' },
  api: { refuse: 'card_declined' },
  play: async ({ canvas, i18n }) => {
    await userEvent.click(canvas.getByRole('button', { name: /10/ }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(i18n.t.errors.card_declined);
  },
};

/** The plans to change to: a downgrade is scheduled for the cycle's end. */
const changePlan: State = {
  route: { screen: 'plans' },
  play: async ({ canvas, args, i18n, t }) => {
    await expect(canvas.getByText(t.plans.upgrade)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: t.plans.choose('Starter') }));
    await expect(args.api.changePlan).toHaveBeenCalledWith('plan_test_starter');
    await expect(await canvas.findByRole('status')).toHaveTextContent(
      t.plans.scheduled('Starter', i18n.date('2026-12-22T12:00:00.000Z')),
    );
  },
};

/** A change the billing rules refuse: the page says so in the customer's words. */
const changeRefused: State = {
  route: { screen: 'plans' },
  api: { refuse: 'invalid_state' },
  play: async ({ canvas, t }) => {
    await userEvent.click(canvas.getByRole('button', { name: t.plans.choose('Team') }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(t.errors.invalid_state);
  },
};

/** Cancelling at the cycle's end, said plainly first. */
const cancel: State = {
  route: { screen: 'cancel' },
  play: async ({ canvas, args, i18n, t }) => {
    await userEvent.click(canvas.getByRole('button', { name: t.cancel.confirm }));
    await expect(args.api.cancelAtCycleEnd).toHaveBeenCalled();
    await expect(await canvas.findByRole('status')).toHaveTextContent(
      t.cancel.done(i18n.date('2026-12-22T12:00:00.000Z')),
    );
  },
};

/** Replacing the card: the new one shows. */
const replaceCard: State = {
  route: { screen: 'card' },
  play: async ({ canvas, args, i18n, t }) => {
    await typeCard(userEvent, canvas, i18n.t, { number: '4242424242424242', expiry: '1133' });
    await userEvent.click(canvas.getByRole('button', { name: t.card.save }));
    await waitFor(() => expect(args.api.replaceCard).toHaveBeenCalled());
    await expect(await canvas.findByRole('status')).toHaveTextContent(t.card.saved);
  },
};

/** A payment's receipt. */
const receipt: State = {
  route: { screen: 'receipt', paymentId: 'pay_test_01KBUNDLE000000000000000' },
  play: async ({ canvas, i18n, t }) => {
    await expect(canvas.getByRole('heading', { name: t.payments.receipt })).toBeVisible();
    // Paid to: the merchant the header names too.
    await expect(canvas.getAllByText('Acme AI')).toHaveLength(2);
    await expect(canvas.getByText(like(i18n.money('25.00')))).toBeVisible();
    await expect(canvas.getByText('pay_test_01KBUNDLE000000000000000')).toBeVisible();
  },
};

/** The session's hour passed: the page says so and tells the SDK. */
const expired: State = {
  bootstrap: { status: 'expired', originUrl: null },
  play: async ({ canvas, args, t }) => {
    await expect(canvas.getByRole('heading', { name: t.ended.expired })).toBeVisible();
    await expect(args.bridge.error).toHaveBeenCalledWith('session_expired');
  },
};

/** Not a customer session at all. */
const invalid: State = {
  bootstrap: { status: 'invalid', originUrl: null },
  play: async ({ canvas, t }) => {
    await expect(canvas.getByRole('heading', { name: t.ended.invalid })).toBeVisible();
  },
};

/** The session's hour runs out while the page is open: it says so without waiting for a press. */
const hourRunsOut: State = {
  bootstrap: { ...fakeAccountBootstrap(), expiresInMs: 50 } as AccountBootstrap,
  play: async ({ canvas, t }) => {
    await expect(await canvas.findByRole('heading', { name: t.ended.expired })).toBeVisible();
  },
};

/** A session that ends while the customer acts: the page moves to the expired screen. */
const expiresMidway: State = {
  route: { screen: 'cancel' },
  api: { refuse: 'customer_session_expired' },
  play: async ({ canvas, t }) => {
    await userEvent.click(canvas.getByRole('button', { name: t.cancel.confirm }));
    await expect(await canvas.findByRole('heading', { name: t.ended.expired })).toBeVisible();
  },
};

export const Overview = story(overview, EN);
export const OverviewDark = story(overview, EN_DARK);
export const OverviewSpanish = story(overview, ES);
export const OverviewSpanishDark = story(overview, ES_DARK);
export const ReadAgainOnReturn = story(readAgain, EN);
export const NoUsageYet = story(noUsage, EN);
export const NoPlan = story(noPlan, EN);
export const PendingDowngrade = story(pendingDowngrade, EN);
export const PendingDowngradeSpanish = story(pendingDowngrade, ES);
export const PendingCancellation = story(pendingCancellation, EN);
export const PendingCancellationDark = story(pendingCancellation, EN_DARK);
export const AutoTopUpOn = story(autoTopUp, EN);
export const BuyWithCardOnFile = story(buyWithCardOnFile, EN);
export const BuyWithCardOnFileSpanish = story(buyWithCardOnFile, ES);
export const BuyWithNewCard = story(buyWithNewCard, EN);
export const BuyDeclined = story(buyDeclined, EN);
export const ChangePlan = story(changePlan, EN);
export const ChangePlanSpanishDark = story(changePlan, ES_DARK);
export const ChangeRefused = story(changeRefused, EN);
export const CancelAtCycleEnd = story(cancel, EN);
export const ReplaceCard = story(replaceCard, EN);
export const Receipt = story(receipt, EN);
export const ReceiptSpanish = story(receipt, ES);
export const Expired = story(expired, EN);
export const Invalid = story(invalid, ES);
export const ExpiresMidway = story(expiresMidway, EN);
export const HourRunsOut = story(hourRunsOut, ES_DARK);
