import type { MeterSummary, SubscriptionOffer } from '../../shared/PageBootstrap.ts';
import type { PageErrorCode } from '../createCheckoutApi.ts';
import { ourSideErrors } from './ourSideErrors.ts';

type Interval = SubscriptionOffer['billingInterval'];

/** What an error message may say: tries left, and when to try again ("in 30 seconds"). */
export interface ErrorDetails {
  attemptsLeft: number;
  wait: string;
}

const tries = (left: number) => (left === 1 ? '1 try' : `${left} tries`);
/** A limit's refusal: what was too much, then when the customer may try again. */
const tryAgainLater = (what: string) => (d: ErrorDetails) => `${what} Try again ${d.wait}.`;
const SOMETHING_WRONG = 'Something went wrong on our side. Try again.';

/**
 * Every string the checkout page shows, in English: the catalog the others follow. A string
 * that needs values is a function of them; amounts and dates come formatted for the language.
 */
export const en = {
  summary: {
    testMode: 'Test mode',
    orderSummary: 'Order summary',
    dueToday: 'Due today',
    /** What is due from a customer who has the plan already. */
    nothingDue: 'Nothing',
    renews: {
      day: (date: string) => `Renews daily on ${date}`,
      week: (date: string) => `Renews weekly on ${date}`,
      month: (date: string) => `Renews monthly on ${date}`,
      year: (date: string) => `Renews yearly on ${date}`,
    } satisfies Record<Interval, unknown>,
    includedCredit: {
      day: (amount: string) => `Includes ${amount} of usage credit each day`,
      week: (amount: string) => `Includes ${amount} of usage credit each week`,
      month: (amount: string) => `Includes ${amount} of usage credit each month`,
      year: (amount: string) => `Includes ${amount} of usage credit each year`,
    } satisfies Record<Interval, unknown>,
    afterCredit: 'Once the credit is used',
    unit: {
      tokens_1m: 'per million tokens',
      characters_1m: 'per million characters',
      minutes: 'per minute',
      requests: 'per request',
    } satisfies Record<MeterSummary['tierType'], string>,
    /** A rate of a percentage meter: a markup on what the AI provider charges. */
    percentage: (rate: string) => `${rate}% on top of the AI provider's price`,
    /** A later tier of a graduated meter. */
    fromUnits: (rate: string, start: string) => `${rate} from ${start} on`,
    bundleCredits: (credits: string, plan: string) =>
      `Adds ${credits} of usage credit to your ${plan}`,
    oneTime: 'One-time purchase',
    /** A customer moving up from a cheaper plan: what today's amount is. */
    upgradeNote: 'Replaces your current plan today, less the unused part of it',
    terms: 'Terms',
    privacy: 'Privacy',
    support: 'Support',
    secured: 'Secured by Lava Checkout',
  },
  phone: {
    title: 'Verify your phone',
    returningTitle: "Verify it's you",
    label: 'Phone number',
    country: 'Country',
    hint: 'We text you a 6-digit code.',
    returningText: (last4: string) =>
      `We'll text a 6-digit code to your phone number ending in •••• ${last4}.`,
    send: 'Send code',
    invalid: 'Enter a valid phone number.',
  },
  code: {
    title: 'Enter your code',
    sentTo: (phone: string) => `We texted a 6-digit code to ${phone}.`,
    label: 'Verification code',
    verify: 'Verify',
    resend: 'Send a new code',
    /** The resend button while the cool-down lasts. */
    resendIn: (seconds: number) => `Send a new code in ${seconds} s`,
    resent: 'We sent a new code.',
    changePhone: 'Use another number',
    incomplete: 'Enter the 6 digits of the code.',
  },
  payment: {
    title: 'Payment',
    testCards: 'Test mode: use 4242 4242 4242 4242, any future date and any 3 digits.',
    payWith: 'Pay with',
    cardOnFile: (brand: string, last4: string, expiry: string) =>
      `${brand} •••• ${last4}, expires ${expiry}`,
    newCard: 'A new card',
    subscribe: {
      day: (price: string) => `Subscribe for ${price} a day`,
      week: (price: string) => `Subscribe for ${price} a week`,
      month: (price: string) => `Subscribe for ${price} a month`,
      year: (price: string) => `Subscribe for ${price} a year`,
    } satisfies Record<Interval, unknown>,
    buy: (price: string) => `Buy for ${price}`,
    /** A customer moving up from a cheaper plan pays the difference today. */
    upgrade: (price: string) => `Upgrade for ${price} today`,
    processing: 'Processing payment…',
    loadingCardForm: 'Loading the secure card form…',
  },
  card: {
    number: 'Card number',
    expiry: 'Expiration date',
    cvc: 'Security code',
    expiryPlaceholder: 'MM / YY',
    cvcHint: (digits: number) => `${digits} digits on your card`,
    numberInvalid: 'Your card number is incorrect.',
    expiryInvalid: 'Enter an expiration date in the future.',
    cvcInvalid: "Enter your card's security code.",
  },
  success: {
    subscribedTitle: "You're subscribed",
    subscribedText: (plan: string) => `Welcome to ${plan}. You can close this window.`,
    alreadyTitle: "You're already subscribed",
    alreadyText: (plan: string) => `You already have ${plan}, so you were not charged again.`,
    /** A cheaper plan than the customer's: it starts when their current one's cycle ends. */
    changeTitle: 'Your plan will change',
    changeText: (plan: string, date: string) =>
      `You keep your current plan until ${date}, then move to ${plan}. Nothing was charged today.`,
    creditsTitle: 'Credits added',
    creditsText: (credits: string, plan: string) =>
      `${credits} of usage credit was added to your ${plan}.`,
  },
  ended: {
    invalidTitle: 'This checkout link is not valid',
    invalidText: 'Go back to the site you came from and start the checkout again.',
    expiredTitle: 'This checkout has expired',
    expiredText: 'Checkouts last 60 minutes. Go back and start again; nothing was charged.',
    idleTitle: 'This checkout timed out',
    idleText:
      'Nothing happened for 15 minutes, so we closed it to keep your details safe. Go back and start again.',
    completedTitle: 'This checkout is already complete',
    completedSubscription: 'Your subscription is set up. There is nothing more to do here.',
    completedBundle: 'Your credits were added. There is nothing more to do here.',
  },
  actions: {
    cancel: 'Cancel',
    backTo: (merchant: string) => `Back to ${merchant}`,
    goBack: 'Go back',
  },
  errors: {
    ...ourSideErrors(SOMETHING_WRONG),
    unknown_error: 'Something went wrong. Try again.',
    network_error: "We couldn't reach the checkout. Check your connection and try again.",
    page_unavailable: "The checkout couldn't load. Close it and try again.",
    session_invalid: 'This checkout link is not valid.',
    session_expired: 'This checkout has expired.',
    session_completed: 'This checkout is already complete.',
    session_idle: 'This checkout timed out.',
    invalid_phone: 'Enter a valid phone number, with its country.',
    phone_country_not_allowed:
      "We can't text numbers in this country. Use a number from another country.",
    phone_not_textable: "We can't text this kind of number. Use a mobile number.",
    phone_already_verified: 'Your phone number is already verified.',
    too_many_codes: "You've asked for the most codes one checkout can send. Start again.",
    resend_too_soon: (d: ErrorDetails) =>
      `Wait a little: you can ask for another code for this number ${d.wait}.`,
    too_many_sends: tryAgainLater('Too many codes were sent to this number.'),
    too_many_sends_from_address: tryAgainLater('Too many codes were asked for from your network.'),
    sms_failed: "We couldn't text this number. Check it and try again.",
    no_code_sent: 'Ask for a code first.',
    code_expired: 'This code has expired. Send a new code.',
    code_locked: 'Too many wrong tries for this code. Send a new code.',
    wrong_code: (d: ErrorDetails) =>
      d.attemptsLeft > 0
        ? `That code isn't right. ${tries(d.attemptsLeft)} left.`
        : "That code isn't right. Send a new code.",
    phone_locked: tryAgainLater('Too many wrong codes were tried for this number.'),
    phone_not_verified: 'Verify your phone number first.',
    invalid_payment_method: 'Check your card details and try again.',
    invalid_card_number: 'Your card number is incorrect.',
    invalid_expiry: "Your card's expiration date is incorrect.",
    invalid_cvc: "Your card's security code is incorrect.",
    payment_in_progress: 'Your payment is already being processed. Wait a moment.',
    too_many_payment_attempts: tryAgainLater('Too many payment attempts for this number.'),
    too_many_payment_attempts_from_address: tryAgainLater(
      'Too many payment attempts from your network.',
    ),
    too_many_payment_attempts_in_session:
      'Too many payment attempts in this checkout. Start again.',
    card_declined: 'Your card was declined. Try another card.',
    insufficient_funds: 'Your card has insufficient funds. Try another card.',
    expired_card: 'Your card has expired. Try another card.',
    incorrect_cvc: "Your card's security code is incorrect. Check it and try again.",
    authentication_failed:
      "Your bank didn't confirm this payment. Try again in a few minutes, or use another card.",
    authentication_unsupported:
      'This card needs a check this checkout cannot run. Try another card.',
    processing_error:
      "We couldn't complete the payment with the card network. Try again in a moment; you won't be charged twice.",
    no_card_on_file: "There's no card on file. Add a card.",
    subscription_inactive: "Your plan is no longer active, so credits can't be added to it.",
    card_form_loading: 'The card form is still loading. Try again in a moment.',
    card_form_unavailable:
      "The card form couldn't load. Check your connection, then reload this page.",
  } satisfies Record<PageErrorCode, string | ((details: ErrorDetails) => string)>,
};

/** A catalog's shape: `en`'s keys, with any text in place of each string. */
type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

/** Every catalog has every key of `en`: one missing fails the typecheck. */
export type Messages = Widen<typeof en>;
