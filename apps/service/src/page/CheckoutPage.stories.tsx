import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import type { CheckoutPage } from './CheckoutPage.tsx';
import { createI18n } from './i18n/createI18n.ts';
import './styles.css';
import {
  createFakeApi,
  FAKE_CARD_ON_FILE,
  FAKE_CUSTOMER_ID,
  FAKE_SESSION_ID,
  type FakeApiOptions,
} from './testing/createFakeApi.ts';
import { createFakeBridge } from './testing/createFakeBridge.ts';
import { createManualClock } from './testing/createManualClock.ts';
import { fakeBootstrap, fakeBundleBootstrap } from './testing/fakeBootstrap.ts';
import { like } from './testing/like.ts';
import { pageStoryMeta } from './testing/pageStoryMeta.tsx';
import { playState } from './testing/playState.ts';
import { STORY_VARIANTS, type StoryVariant } from './testing/STORY_VARIANTS.ts';
import type { StatePlay } from './testing/StatePlay.ts';
import { typeCard } from './testing/typeCard.ts';

const meta = {
  title: 'Checkout page/CheckoutPage',
  ...pageStoryMeta(fakeBootstrap()),
} satisfies Meta<typeof CheckoutPage>;

export default meta;
type Story = StoryObj<typeof meta>;

/** One state of the page, written once and shown light and dark, in English and Spanish. */
interface State {
  bootstrap: PageBootstrap;
  /** The standalone page (`/checkout/:secret`): no SDK, no parent. */
  standalone?: boolean;
  api?: FakeApiOptions;
  /** What a customer sees and does, in the variant's language. */
  play: StatePlay<{
    api: ReturnType<typeof createFakeApi>;
    bridge: ReturnType<typeof createFakeBridge>;
    /** The page's time, which passes only when the story moves it. */
    clock: ReturnType<typeof createManualClock>;
  }>;
}

const story = (state: State, { lang, theme }: StoryVariant): Story => ({
  args: {
    bootstrap: state.bootstrap,
    api: createFakeApi(state.api),
    bridge: createFakeBridge({
      locale: lang,
      ...(state.standalone ? { mode: 'standalone' as const } : {}),
    }),
    clock: createManualClock(),
  },
  parameters: { theme },
  play: playState(state.play, lang, {}),
});

const { EN, EN_DARK, ES, ES_DARK } = STORY_VARIANTS;

/** The success screen the page moves to, by its heading. */
const expectSuccess = async (canvas: ReturnType<typeof within>, title: string) =>
  expect(await canvas.findByRole('heading', { name: title })).toBeVisible();

/** What the page sends for the card `typeCard` types: the test processor's payment method. */
const PAID_WITH_TYPED_CARD = { payment_method: 'pm_test.succeeds.visa.4242.12.2034' };

// Step 1 --------------------------------------------------------------------------------------

/** The summary, then the phone: formatted as typed, sent in E.164; the code step follows. */
const phone: State = {
  bootstrap: fakeBootstrap('phone'),
  play: async ({ canvas, args, i18n: { t, money, date } }) => {
    await expect(canvas.getByRole('heading', { level: 1, name: 'Pro Plan' })).toBeVisible();
    await expect(canvas.getByText(t.summary.dueToday)).toBeVisible();
    await expect(canvas.getByText(like(money('49.00')))).toBeVisible();
    await expect(
      canvas.getByText(t.summary.renews.month(date('2026-12-22T12:00:00.000Z'))),
    ).toBeVisible();
    await expect(
      canvas.getByText(like(`AI Chat Tokens: ${money('3.00')} ${t.summary.unit.tokens_1m}`)),
    ).toBeVisible();
    await expect(canvas.getByRole('link', { name: t.summary.terms })).toBeVisible();
    await expect(canvas.getByText(t.summary.secured)).toBeVisible();
    await expect(args.bridge.step).toHaveBeenCalledWith('phone');
    const field = canvas.getByRole('textbox', { name: t.phone.label });
    await userEvent.type(field, '4155550100');
    await expect(field).toHaveValue('(415) 555-0100');
    await userEvent.click(canvas.getByRole('button', { name: t.phone.send }));
    await expect(await canvas.findByRole('textbox', { name: t.code.label })).toBeVisible();
    await expect(args.api.sendCode).toHaveBeenCalledWith('+14155550100');
    await expect(args.bridge.step).toHaveBeenLastCalledWith('code');
  },
};

/**
 * The page taking over from the step the server rendered: what was typed there fills the
 * field and the picker; a screen come back to later starts empty.
 */
export const PhoneTakenOverFromTheServer: Story = {
  args: {
    bootstrap: fakeBootstrap('phone'),
    api: createFakeApi(),
    bridge: createFakeBridge({ locale: 'en' }),
    firstValues: { phone: '6135550100', country: 'CA' },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const { t } = createI18n('en');
    const field = canvas.getByRole('textbox', { name: t.phone.label });
    await expect(field).toHaveValue('6135550100');
    await expect(canvas.getByRole('combobox', { name: t.phone.country })).toHaveValue('CA');
    await userEvent.click(canvas.getByRole('button', { name: t.phone.send }));
    await userEvent.click(await canvas.findByRole('button', { name: t.code.changePhone }));
    await expect(canvas.getByRole('textbox', { name: t.phone.label })).toHaveValue('');
  },
};

/** A number too short to be one: said under the field, and nothing is sent. */
const phoneInvalid: State = {
  bootstrap: fakeBootstrap('phone'),
  play: async ({ canvas, args, i18n: { t } }) => {
    const field = canvas.getByRole('textbox', { name: t.phone.label });
    await userEvent.type(field, '415');
    await userEvent.click(canvas.getByRole('button', { name: t.phone.send }));
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toHaveAccessibleDescription(expect.stringContaining(t.phone.invalid));
    await expect(args.api.sendCode).not.toHaveBeenCalled();
  },
};

/** A number picked with the country picker, refused by the service: its words, under the field. */
const phoneServerError: State = {
  bootstrap: fakeBootstrap('phone'),
  api: {
    failures: {
      sendCode: { status: 400, code: 'phone_not_textable', param: 'phone', message: 'VoIP.' },
    },
  },
  play: async ({ canvas, args, i18n: { t } }) => {
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: t.phone.country }), 'CA');
    const field = canvas.getByRole('textbox', { name: t.phone.label });
    await userEvent.type(field, '6045550100');
    await userEvent.click(canvas.getByRole('button', { name: t.phone.send }));
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        expect.stringContaining(t.errors.phone_not_textable),
      ),
    );
    await expect(args.api.sendCode).toHaveBeenCalledWith('+16045550100');
    // The service's own message is for developers, never on the screen.
    await expect(canvas.queryByText('VoIP.')).toBeNull();
  },
};

/** Sending: one request at a time, the button disabled until the service answers. */
const phoneSubmitting: State = {
  bootstrap: fakeBootstrap('phone'),
  api: { hanging: ['sendCode'] },
  play: async ({ canvas, args, i18n: { t } }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: t.phone.label }), '+1 415 555 0100');
    const send = canvas.getByRole('button', { name: t.phone.send });
    await userEvent.click(send);
    await expect(send).toBeDisabled();
    await userEvent.click(send);
    await expect(args.api.sendCode).toHaveBeenCalledTimes(1);
  },
};

/** A returning customer types no number: the code goes to the phone on file, shown masked. */
const phoneReturning: State = {
  bootstrap: fakeBootstrap('phone', { returning: { phoneLast4: '0100' }, phoneInput: null }),
  play: async ({ canvas, args, i18n: { t } }) => {
    await expect(canvas.getByText(t.phone.returningText('0100'))).toBeVisible();
    await expect(canvas.queryByRole('textbox', { name: t.phone.label })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: t.phone.send }));
    await expect(await canvas.findByText(t.code.sentTo('•••• 0100'))).toBeVisible();
    await expect(args.api.sendCode).toHaveBeenCalledTimes(1);
    await expect(args.api.sendCode.mock.calls[0]?.[0]).toBeUndefined();
    await expect(canvas.queryByRole('button', { name: t.code.changePhone })).toBeNull();
  },
};

// Step 2 --------------------------------------------------------------------------------------

/** The code, then the card. */
const code: State = {
  bootstrap: fakeBootstrap('code'),
  play: async ({ canvas, args, i18n: { t } }) => {
    await expect(canvas.getByText(t.code.sentTo('+1 415 555 0100'))).toBeVisible();
    await userEvent.type(canvas.getByRole('textbox', { name: t.code.label }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: t.code.verify }));
    await expect(await canvas.findByRole('textbox', { name: t.card.number })).toBeVisible();
    await expect(args.api.verifyCode).toHaveBeenCalledWith('123456');
    await expect(args.bridge.step).toHaveBeenLastCalledWith('payment');
  },
};

/** A wrong code: under the field, with the tries left. */
const codeWrong: State = {
  bootstrap: fakeBootstrap('code'),
  api: { failures: { verifyCode: { status: 422, code: 'wrong_code', attemptsLeft: 4 } } },
  play: async ({ canvas, i18n: { t, wait } }) => {
    const field = canvas.getByRole('textbox', { name: t.code.label });
    await userEvent.type(field, '000000');
    await userEvent.click(canvas.getByRole('button', { name: t.code.verify }));
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(
        t.errors.wrong_code({ attemptsLeft: 4, wait: wait(60) }),
      ),
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  },
};

/**
 * A new code waits out the cool-down the service gave with the last one: the button counts it
 * down, then sends, and counts the next one.
 */
const codeResendCountdown: State = {
  bootstrap: fakeBootstrap('phone'),
  api: { resendAfter: 30 },
  play: async ({ canvas, args, i18n: { t } }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: t.phone.label }), '4155550100');
    await userEvent.click(canvas.getByRole('button', { name: t.phone.send }));
    await expect(await canvas.findByRole('button', { name: t.code.resendIn(30) })).toBeDisabled();
    args.clock.advance(1000);
    await expect(await canvas.findByRole('button', { name: t.code.resendIn(29) })).toBeDisabled();
    args.clock.advance(19_000);
    await expect(await canvas.findByRole('button', { name: t.code.resendIn(10) })).toBeDisabled();
    args.clock.advance(10_000);
    const resend = await canvas.findByRole('button', { name: t.code.resend });
    await expect(resend).toBeEnabled();
    await userEvent.click(resend);
    await expect(await canvas.findByText(t.code.resent)).toBeVisible();
    await expect(args.api.sendCode).toHaveBeenCalledTimes(2);
    await expect(await canvas.findByRole('button', { name: t.code.resendIn(30) })).toBeDisabled();
  },
};

/**
 * A page reloaded at the code step does not know the cool-down: a new code asked too soon is
 * refused, and the button counts down what the service said is left.
 */
const codeResendTooSoon: State = {
  bootstrap: fakeBootstrap('code'),
  api: { failures: { sendCode: { status: 429, code: 'resend_too_soon', retryAfter: 12 } } },
  play: async ({ canvas, args, i18n: { t, wait } }) => {
    await userEvent.click(canvas.getByRole('button', { name: t.code.resend }));
    await expect(await canvas.findByRole('button', { name: t.code.resendIn(12) })).toBeDisabled();
    await expect(
      canvas.getByText(t.errors.resend_too_soon({ attemptsLeft: 0, wait: wait(12) })),
    ).toBeVisible();
    args.clock.advance(12_000);
    await expect(await canvas.findByRole('button', { name: t.code.resend })).toBeEnabled();
  },
};

/**
 * A customer who has the plan already: done at the code, with no card form and no charge, and
 * the summary says nothing is due.
 */
const alreadySubscribed: State = {
  bootstrap: fakeBootstrap('code'),
  api: {
    verified: {
      already_subscribed: {
        status: 'succeeded',
        checkout_session_id: FAKE_SESSION_ID,
        customer_id: FAKE_CUSTOMER_ID,
        subscription_id: 'sub_test_1',
      },
    },
  },
  play: async ({ canvas, args, i18n: { t, money, date } }) => {
    await expect(canvas.getByText(like(money('49.00')))).toBeVisible();
    await userEvent.type(canvas.getByRole('textbox', { name: t.code.label }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: t.code.verify }));
    await expectSuccess(canvas, t.success.alreadyTitle);
    await expect(canvas.getByText(t.success.alreadyText('Pro Plan'))).toBeVisible();
    // Nothing is due, and no renewal this checkout would have started is promised.
    const summary = within(canvas.getByRole('region', { name: t.summary.orderSummary }));
    await expect(summary.getByRole('term')).toHaveTextContent(t.summary.dueToday);
    await expect(summary.getByRole('definition')).toHaveTextContent(t.summary.nothingDue);
    await expect(canvas.queryByText(like(money('49.00')))).toBeNull();
    await expect(
      canvas.queryByText(t.summary.renews.month(date('2026-12-22T12:00:00.000Z'))),
    ).toBeNull();
    await expect(canvas.queryByRole('textbox', { name: t.card.number })).toBeNull();
    await expect(args.api.subscribe).not.toHaveBeenCalled();
    await expect(args.bridge.success).toHaveBeenCalledWith(FAKE_CUSTOMER_ID);
  },
};

/** The service's answer to the code when the plan starts with no card: now (`null`) or at `startsAt`. */
const subscribedWithoutCard = (startsAt: string | null): FakeApiOptions => ({
  verified: {
    subscribed_without_card: {
      status: 'succeeded',
      checkout_session_id: FAKE_SESSION_ID,
      customer_id: FAKE_CUSTOMER_ID,
      subscription_id: 'sub_test_1',
      starts_at: startsAt,
    },
  },
});

/** A $0 plan: done at the code, with no card form and no charge. */
const freePlan: State = {
  bootstrap: fakeBootstrap('code'),
  api: subscribedWithoutCard(null),
  play: async ({ canvas, args, i18n: { t } }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: t.code.label }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: t.code.verify }));
    await expectSuccess(canvas, t.success.subscribedTitle);
    await expect(canvas.queryByRole('textbox', { name: t.card.number })).toBeNull();
    await expect(args.api.subscribe).not.toHaveBeenCalled();
    await expect(args.bridge.success).toHaveBeenCalledWith(FAKE_CUSTOMER_ID);
  },
};

/**
 * A customer on a more expensive plan chooses this one: done at the code, no card, nothing
 * charged; the plan becomes theirs when their current cycle ends.
 */
const changeScheduled: State = {
  bootstrap: fakeBootstrap('code'),
  api: subscribedWithoutCard('2026-12-10T12:00:00.000Z'),
  play: async ({ canvas, args, i18n: { t, date } }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: t.code.label }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: t.code.verify }));
    await expectSuccess(canvas, t.success.changeTitle);
    await expect(
      canvas.getByText(t.success.changeText('Pro Plan', date('2026-12-10T12:00:00.000Z'))),
    ).toBeVisible();
    const summary = within(canvas.getByRole('region', { name: t.summary.orderSummary }));
    await expect(summary.getByRole('definition')).toHaveTextContent(t.summary.nothingDue);
    await expect(canvas.queryByRole('textbox', { name: t.card.number })).toBeNull();
    await expect(args.api.subscribe).not.toHaveBeenCalled();
    await expect(args.bridge.success).toHaveBeenCalledWith(FAKE_CUSTOMER_ID);
  },
};

/**
 * A customer on a cheaper plan: this one replaces it today, for its price less the unused part
 * of theirs, which the summary and the button say.
 */
const upgrade: State = {
  bootstrap: fakeBootstrap('code'),
  api: { verified: { amount_due: '29.60' } },
  play: async ({ canvas, args, i18n: { t, money } }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: t.code.label }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: t.code.verify }));
    const pay = await canvas.findByRole('button', {
      name: like(t.payment.upgrade(money('29.60'))),
    });
    const summary = within(canvas.getByRole('region', { name: t.summary.orderSummary }));
    await expect(summary.getByRole('definition')).toHaveTextContent(like(money('29.60')));
    await expect(summary.getByText(t.summary.upgradeNote)).toBeVisible();
    await typeCard(userEvent, canvas, t, { number: '4242424242424242' });
    await userEvent.click(pay);
    await expectSuccess(canvas, t.success.subscribedTitle);
    await expect(args.api.subscribe).toHaveBeenCalledWith(PAID_WITH_TYPED_CARD);
  },
};

// Step 3 --------------------------------------------------------------------------------------

/** The card, formatted as typed with its brand; subscribing shows success and tells the SDK once. */
const payment: State = {
  bootstrap: fakeBootstrap('payment'),
  play: async ({ canvas, args, i18n: { t, money } }) => {
    await typeCard(userEvent, canvas, t, { number: '4242424242424242' });
    const number = canvas.getByRole('textbox', { name: t.card.number });
    await expect(number).toHaveValue('4242 4242 4242 4242');
    await expect(number).toHaveAccessibleDescription('Visa');
    await expect(canvas.getByRole('textbox', { name: t.card.expiry })).toHaveValue('12 / 34');
    await userEvent.click(
      canvas.getByRole('button', { name: like(t.payment.subscribe.month(money('49.00'))) }),
    );
    await expectSuccess(canvas, t.success.subscribedTitle);
    // The card number stays in the page: only a payment method that names the card goes out.
    await expect(args.api.subscribe).toHaveBeenCalledWith(PAID_WITH_TYPED_CARD);
    await expect(args.bridge.success).toHaveBeenCalledTimes(1);
    await expect(args.bridge.success).toHaveBeenCalledWith(FAKE_CUSTOMER_ID);
  },
};

/** A past expiry: said under the expiry field, and nothing is charged. */
const paymentInvalid: State = {
  bootstrap: fakeBootstrap('payment'),
  play: async ({ canvas, args, i18n: { t, money } }) => {
    await typeCard(userEvent, canvas, t, { number: '4242424242424242', expiry: '0120' });
    await userEvent.click(
      canvas.getByRole('button', { name: like(t.payment.subscribe.month(money('49.00'))) }),
    );
    const expiry = canvas.getByRole('textbox', { name: t.card.expiry });
    await waitFor(() => expect(expiry).toHaveAccessibleDescription(t.card.expiryInvalid));
    await expect(expiry).toHaveAttribute('aria-invalid', 'true');
    await expect(canvas.getByRole('textbox', { name: t.card.number })).not.toHaveAttribute(
      'aria-invalid',
    );
    await expect(args.api.subscribe).not.toHaveBeenCalled();
  },
};

/** While the payment is processed: a spinner and its words, every field disabled. */
const paymentProcessing: State = {
  bootstrap: fakeBootstrap('payment'),
  api: { hanging: ['subscribe'] },
  play: async ({ canvas, args, i18n: { t, money } }) => {
    await typeCard(userEvent, canvas, t, { number: '4242424242424242' });
    await userEvent.click(
      canvas.getByRole('button', { name: like(t.payment.subscribe.month(money('49.00'))) }),
    );
    await expect(await canvas.findByRole('status')).toHaveTextContent(t.payment.processing);
    await expect(canvas.getByRole('textbox', { name: t.card.number })).toBeDisabled();
    await expect(canvas.getByRole('textbox', { name: t.card.cvc })).toBeDisabled();
    await expect(args.bridge.step).toHaveBeenLastCalledWith('processing');
  },
};

/** A declined card: said in the frame; the customer can try another card. */
const paymentDeclined: State = {
  bootstrap: fakeBootstrap('payment'),
  api: { failures: { subscribe: { status: 402, code: 'card_declined' } } },
  play: async ({ canvas, args, i18n: { t, money } }) => {
    await typeCard(userEvent, canvas, t, { number: '4000000000000002' });
    const pay = canvas.getByRole('button', {
      name: like(t.payment.subscribe.month(money('49.00'))),
    });
    await userEvent.click(pay);
    await waitFor(() =>
      expect(canvas.getByRole('alert')).toHaveTextContent(t.errors.card_declined),
    );
    await expect(pay).toBeEnabled();
    await expect(canvas.getByRole('textbox', { name: t.card.number })).toBeEnabled();
    await expect(args.bridge.step).toHaveBeenLastCalledWith('payment');
    await expect(args.bridge.success).not.toHaveBeenCalled();
  },
};

/** The service refused the card for one field (its `param`): said under that field. */
const paymentFieldError: State = {
  bootstrap: fakeBootstrap('payment'),
  api: {
    failures: { subscribe: { status: 402, code: 'incorrect_cvc', param: 'card_cvc' } },
  },
  play: async ({ canvas, i18n: { t, money } }) => {
    await typeCard(userEvent, canvas, t, { number: '4000000000000127' });
    await userEvent.click(
      canvas.getByRole('button', { name: like(t.payment.subscribe.month(money('49.00'))) }),
    );
    const cvc = canvas.getByRole('textbox', { name: t.card.cvc });
    await waitFor(() =>
      expect(cvc).toHaveAccessibleDescription(expect.stringContaining(t.errors.incorrect_cvc)),
    );
    await expect(cvc).toHaveAttribute('aria-invalid', 'true');
  },
};

// A credit bundle -----------------------------------------------------------------------------

/** A subscriber buys a bundle with the card on file; their credits are added. */
const bundleCardOnFile: State = {
  bootstrap: fakeBundleBootstrap('payment'),
  play: async ({ canvas, args, i18n: { t, money } }) => {
    await expect(canvas.getByRole('heading', { level: 1, name: '$25 Top-up' })).toBeVisible();
    await expect(
      canvas.getByText(like(t.summary.bundleCredits(money('25.00'), 'Pro Plan'))),
    ).toBeVisible();
    await expect(
      canvas.getByRole('radio', { name: t.payment.cardOnFile('Visa', '4242', '12/34') }),
    ).toBeChecked();
    await expect(canvas.queryByRole('textbox', { name: t.card.number })).toBeNull();
    await userEvent.click(
      canvas.getByRole('button', { name: like(t.payment.buy(money('25.00'))) }),
    );
    await expectSuccess(canvas, t.success.creditsTitle);
    await expect(args.api.buy).toHaveBeenCalledWith({ card_on_file: true });
    await expect(args.api.subscribe).not.toHaveBeenCalled();
    await expect(args.bridge.success).toHaveBeenCalledWith(FAKE_CUSTOMER_ID);
  },
};

/** A bundle bought with a new card instead: the card fields show once chosen. */
const bundleNewCard: State = {
  bootstrap: fakeBundleBootstrap('payment', { cardOnFile: FAKE_CARD_ON_FILE }),
  play: async ({ canvas, args, i18n: { t, money } }) => {
    await userEvent.click(canvas.getByRole('radio', { name: t.payment.newCard }));
    await typeCard(userEvent, canvas, t, { number: '4242424242424242' });
    await userEvent.click(
      canvas.getByRole('button', { name: like(t.payment.buy(money('25.00'))) }),
    );
    await expectSuccess(canvas, t.success.creditsTitle);
    await expect(args.api.buy).toHaveBeenCalledWith(PAID_WITH_TYPED_CARD);
  },
};

/** On the standalone page the success screen stays, with no button back to a parent. */
const bundleStandalone: State = {
  bootstrap: { ...fakeBundleBootstrap('payment'), standalone: true },
  standalone: true,
  play: async ({ canvas, i18n: { t, money } }) => {
    await userEvent.click(
      await canvas.findByRole('button', { name: like(t.payment.buy(money('25.00'))) }),
    );
    await expectSuccess(canvas, t.success.creditsTitle);
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

// Endings -------------------------------------------------------------------------------------

const ended = (status: 'expired' | 'completed' | 'idle') =>
  ({
    status,
    checkoutSessionId: FAKE_SESSION_ID,
    originUrl: 'http://localhost:4000',
    mode: 'subscription',
  }) as const;

/** An ending: its heading, a sentence, and a button that asks the SDK to close. */
const ending = (
  bootstrap: PageBootstrap,
  title: (t: ReturnType<typeof createI18n>['t']) => string,
  code: string,
): State => ({
  bootstrap,
  play: async ({ canvas, args, i18n: { t } }) => {
    await expect(canvas.getByRole('heading', { level: 1, name: title(t) })).toBeVisible();
    // The SDK hears why at once, and keeps the overlay open on this screen.
    await expect(args.bridge.error).toHaveBeenCalledWith(code);
    await userEvent.click(canvas.getByRole('button', { name: t.actions.goBack }));
    await expect(args.bridge.requestClose).toHaveBeenCalledTimes(1);
  },
});

const expired = ending(ended('expired'), (t) => t.ended.expiredTitle, 'session_expired');

const completed = ending(ended('completed'), (t) => t.ended.completedTitle, 'session_completed');

const idle = ending(ended('idle'), (t) => t.ended.idleTitle, 'session_expired');

/** An ending on the standalone page: its words, and no button, since there is nowhere to go back to. */
const expiredStandalone: State = {
  bootstrap: { ...ended('expired'), standalone: true },
  standalone: true,
  play: async ({ canvas, i18n: { t } }) => {
    await expect(
      canvas.getByRole('heading', { level: 1, name: t.ended.expiredTitle }),
    ).toBeVisible();
    await expect(canvas.getByText(t.ended.expiredText)).toBeVisible();
    await expect(canvas.queryByRole('button')).toBeNull();
  },
};

const invalid = ending({ status: 'invalid' }, (t) => t.ended.invalidTitle, 'session_invalid');

/** The session ran out while the customer was on a step: the page ends and says why. */
const expiresDuringTheFlow: State = {
  bootstrap: fakeBootstrap('code'),
  api: { failures: { verifyCode: { status: 410, code: 'session_expired' } } },
  play: async ({ canvas, args, i18n: { t } }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: t.code.label }), '123456');
    await userEvent.click(canvas.getByRole('button', { name: t.code.verify }));
    const heading = await canvas.findByRole('heading', { level: 1, name: t.ended.expiredTitle });
    await expect(heading).toHaveFocus();
    await expect(args.bridge.error).toHaveBeenCalledWith('session_expired');
    await userEvent.click(
      canvas.getByRole('button', { name: t.actions.backTo('Lava Demo Merchant') }),
    );
    await expect(args.bridge.requestClose).toHaveBeenCalledTimes(1);
  },
};

// The stories, each state in English and Spanish, light and dark -----------------------------

export const Phone = story(phone, EN);
export const PhoneDark = story(phone, EN_DARK);
export const PhoneSpanish = story(phone, ES);
export const PhoneSpanishDark = story(phone, ES_DARK);
export const PhoneInvalid = story(phoneInvalid, EN);
export const PhoneInvalidDark = story(phoneInvalid, EN_DARK);
export const PhoneInvalidSpanish = story(phoneInvalid, ES);
export const PhoneInvalidSpanishDark = story(phoneInvalid, ES_DARK);
export const PhoneServerError = story(phoneServerError, EN);
export const PhoneServerErrorDark = story(phoneServerError, EN_DARK);
export const PhoneServerErrorSpanish = story(phoneServerError, ES);
export const PhoneServerErrorSpanishDark = story(phoneServerError, ES_DARK);
export const PhoneSubmitting = story(phoneSubmitting, EN);
export const PhoneSubmittingDark = story(phoneSubmitting, EN_DARK);
export const PhoneSubmittingSpanish = story(phoneSubmitting, ES);
export const PhoneSubmittingSpanishDark = story(phoneSubmitting, ES_DARK);
export const PhoneReturning = story(phoneReturning, EN);
export const PhoneReturningDark = story(phoneReturning, EN_DARK);
export const PhoneReturningSpanish = story(phoneReturning, ES);
export const PhoneReturningSpanishDark = story(phoneReturning, ES_DARK);
export const Code = story(code, EN);
export const CodeDark = story(code, EN_DARK);
export const CodeSpanish = story(code, ES);
export const CodeSpanishDark = story(code, ES_DARK);
export const CodeWrong = story(codeWrong, EN);
export const CodeWrongDark = story(codeWrong, EN_DARK);
export const CodeWrongSpanish = story(codeWrong, ES);
export const CodeWrongSpanishDark = story(codeWrong, ES_DARK);
export const CodeResendCountdown = story(codeResendCountdown, EN);
export const CodeResendCountdownDark = story(codeResendCountdown, EN_DARK);
export const CodeResendCountdownSpanish = story(codeResendCountdown, ES);
export const CodeResendCountdownSpanishDark = story(codeResendCountdown, ES_DARK);
export const CodeResendTooSoon = story(codeResendTooSoon, EN);
export const CodeResendTooSoonDark = story(codeResendTooSoon, EN_DARK);
export const CodeResendTooSoonSpanish = story(codeResendTooSoon, ES);
export const CodeResendTooSoonSpanishDark = story(codeResendTooSoon, ES_DARK);
export const AlreadySubscribed = story(alreadySubscribed, EN);
export const AlreadySubscribedDark = story(alreadySubscribed, EN_DARK);
export const AlreadySubscribedSpanish = story(alreadySubscribed, ES);
export const AlreadySubscribedSpanishDark = story(alreadySubscribed, ES_DARK);
export const FreePlan = story(freePlan, EN);
export const FreePlanDark = story(freePlan, EN_DARK);
export const FreePlanSpanish = story(freePlan, ES);
export const FreePlanSpanishDark = story(freePlan, ES_DARK);
export const ChangeScheduled = story(changeScheduled, EN);
export const ChangeScheduledDark = story(changeScheduled, EN_DARK);
export const ChangeScheduledSpanish = story(changeScheduled, ES);
export const ChangeScheduledSpanishDark = story(changeScheduled, ES_DARK);
export const Upgrade = story(upgrade, EN);
export const UpgradeDark = story(upgrade, EN_DARK);
export const UpgradeSpanish = story(upgrade, ES);
export const UpgradeSpanishDark = story(upgrade, ES_DARK);
export const Payment = story(payment, EN);
export const PaymentDark = story(payment, EN_DARK);
export const PaymentSpanish = story(payment, ES);
export const PaymentSpanishDark = story(payment, ES_DARK);
export const PaymentInvalid = story(paymentInvalid, EN);
export const PaymentInvalidDark = story(paymentInvalid, EN_DARK);
export const PaymentInvalidSpanish = story(paymentInvalid, ES);
export const PaymentInvalidSpanishDark = story(paymentInvalid, ES_DARK);
export const PaymentProcessing = story(paymentProcessing, EN);
export const PaymentProcessingDark = story(paymentProcessing, EN_DARK);
export const PaymentProcessingSpanish = story(paymentProcessing, ES);
export const PaymentProcessingSpanishDark = story(paymentProcessing, ES_DARK);
export const PaymentDeclined = story(paymentDeclined, EN);
export const PaymentDeclinedDark = story(paymentDeclined, EN_DARK);
export const PaymentDeclinedSpanish = story(paymentDeclined, ES);
export const PaymentDeclinedSpanishDark = story(paymentDeclined, ES_DARK);
export const PaymentFieldError = story(paymentFieldError, EN);
export const PaymentFieldErrorDark = story(paymentFieldError, EN_DARK);
export const PaymentFieldErrorSpanish = story(paymentFieldError, ES);
export const PaymentFieldErrorSpanishDark = story(paymentFieldError, ES_DARK);
export const BundleCardOnFile = story(bundleCardOnFile, EN);
export const BundleCardOnFileDark = story(bundleCardOnFile, EN_DARK);
export const BundleCardOnFileSpanish = story(bundleCardOnFile, ES);
export const BundleCardOnFileSpanishDark = story(bundleCardOnFile, ES_DARK);
export const BundleNewCard = story(bundleNewCard, EN);
export const BundleNewCardDark = story(bundleNewCard, EN_DARK);
export const BundleNewCardSpanish = story(bundleNewCard, ES);
export const BundleNewCardSpanishDark = story(bundleNewCard, ES_DARK);
export const BundleStandalone = story(bundleStandalone, EN);
export const BundleStandaloneDark = story(bundleStandalone, EN_DARK);
export const BundleStandaloneSpanish = story(bundleStandalone, ES);
export const BundleStandaloneSpanishDark = story(bundleStandalone, ES_DARK);
export const Expired = story(expired, EN);
export const ExpiredDark = story(expired, EN_DARK);
export const ExpiredSpanish = story(expired, ES);
export const ExpiredSpanishDark = story(expired, ES_DARK);
export const Completed = story(completed, EN);
export const CompletedDark = story(completed, EN_DARK);
export const CompletedSpanish = story(completed, ES);
export const CompletedSpanishDark = story(completed, ES_DARK);
export const Idle = story(idle, EN);
export const IdleDark = story(idle, EN_DARK);
export const IdleSpanish = story(idle, ES);
export const IdleSpanishDark = story(idle, ES_DARK);
export const ExpiredStandalone = story(expiredStandalone, EN);
export const ExpiredStandaloneDark = story(expiredStandalone, EN_DARK);
export const ExpiredStandaloneSpanish = story(expiredStandalone, ES);
export const ExpiredStandaloneSpanishDark = story(expiredStandalone, ES_DARK);
export const Invalid = story(invalid, EN);
export const InvalidDark = story(invalid, EN_DARK);
export const InvalidSpanish = story(invalid, ES);
export const InvalidSpanishDark = story(invalid, ES_DARK);
export const ExpiresDuringTheFlow = story(expiresDuringTheFlow, EN);
export const ExpiresDuringTheFlowDark = story(expiresDuringTheFlow, EN_DARK);
export const ExpiresDuringTheFlowSpanish = story(expiresDuringTheFlow, ES);
export const ExpiresDuringTheFlowSpanishDark = story(expiresDuringTheFlow, ES_DARK);
