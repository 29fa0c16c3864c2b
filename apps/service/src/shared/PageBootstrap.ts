import type { BillingInterval } from '@lava-checkout/protocol';
import type { MetadataJson } from 'libphonenumber-js/core';
import type { CardOnFile } from './checkoutContract.ts';

/** What the page needs to turn card fields into a payment method with the processor's own code. */
export type ProcessorPageConfig = { kind: 'test' } | { kind: 'stripe'; publishableKey: string };

/** Money as the wire has it: a decimal string in US dollars, e.g. `"49.00"`. */
export type Money = string;

/** A meter linked to the plan: what usage costs once the included credit is spent. */
export interface MeterSummary {
  name: string;
  /** The unit its rates are per. */
  tierType: 'tokens_1m' | 'characters_1m' | 'minutes' | 'requests';
  rateType: 'fixed' | 'percentage';
  /** Graduated tiers: from `start` units on, `rate` per unit (percent for `percentage`). */
  tiers: { start: string; rate: string }[];
}

/** What the customer buys in this checkout. */
export interface SubscriptionOffer {
  kind: 'subscription';
  planName: string;
  /** Charged today, and at each renewal. */
  price: Money;
  billingInterval: BillingInterval;
  includedCredit: Money;
  meters: MeterSummary[];
  /** When the first renewal falls, if the customer subscribes now (ISO-8601). */
  renewsAt: string;
}

/** A credit bundle for a subscriber: bought once, its credits added to their balance. */
export interface CreditBundleOffer {
  kind: 'credit_bundle';
  bundleName: string;
  /** Charged today. */
  price: Money;
  /** Credit added to the customer's balance, in US dollars of usage. */
  credits: Money;
  /** The plan the customer has, whose usage the credits pay for. */
  planName: string;
}

/** Why a session cannot be used; each has its own screen. */
export type EndedStatus = 'invalid' | 'expired' | 'completed' | 'idle';

/** What the phone field needs: the countries codes may be texted to, and their numbering plans. */
export interface PhoneInputConfig {
  /** ISO 3166 codes, the picker's choices. */
  countries: string[];
  /** `libphonenumber-js` metadata of those countries only (see `phoneMetadataFor`). */
  metadata: MetadataJson;
}

/** The merchant as the checkout and account pages show them. */
export interface PageMerchant {
  name: string;
  logoUrl: string | null;
  termsUrl: string | null;
  privacyUrl: string | null;
  /** Where a customer who needs help writes. */
  supportEmail: string | null;
}

/**
 * What the checkout service tells its page about the session, inlined into the HTML.
 * `standalone` marks the page opened on its own (`/checkout/:secret`, a link an agent or an
 * email hands out): no SDK frames it, so it talks to no parent and its success screen stays.
 */
export type PageBootstrap = { standalone?: boolean } & (
  | {
      status: 'active';
      checkoutSessionId: string;
      originUrl: string;
      testMode: boolean;
      processor: ProcessorPageConfig;
      merchant: PageMerchant;
      offer: SubscriptionOffer | CreditBundleOffer;
      /**
       * A returning customer: the code goes to the phone on file, of which the page shows only
       * the last digits. `null` for a new customer, who types a number.
       */
      returning: { phoneLast4: string } | null;
      /** For a new customer's phone field; `null` for a returning customer, who types none. */
      phoneInput: PhoneInputConfig | null;
      /** Where a reload resumes. */
      step: 'phone' | 'code' | 'payment';
      /**
       * The number the latest code went to, while that code can be used, as the customer should
       * read it: `+1 415 555 0100`, or `•••• 0100` for a returning customer.
       */
      phone: string | null;
      /** A credit bundle's buyer, once verified: the card their subscription is paid with. */
      cardOnFile: CardOnFile | null;
      /** The session ends after this long without a step (15 minutes), counted anew by each. */
      idleAfterMs: number;
      /** What is left of that now, and of the session's 60 minutes. */
      idleInMs: number;
      expiresInMs: number;
    }
  | {
      status: Exclude<EndedStatus, 'invalid'>;
      checkoutSessionId: string;
      originUrl: string;
      /** What the session sold, for the words of its screen. */
      mode: 'subscription' | 'credit_bundle';
      /** The merchant's display name, for the way back to it. @default none: "Go back" */
      merchantName?: string | null;
    }
  | { status: 'invalid' }
);

/** The id of the JSON script element that carries the bootstrap. */
export const BOOTSTRAP_ELEMENT_ID = 'lava-bootstrap';

/**
 * The element, after the step the server rendered, that says (in its `data-message`, in the
 * customer's language) that the page's own code could not load, should that happen.
 */
export const LOAD_ERROR_ELEMENT_ID = 'lava-load-error';

/**
 * Marks the buttons of the step the server rendered, which stay disabled until the page's entry
 * script runs: before it, a press would be lost (and `form-action 'none'` blocks the browser's
 * own submit); from then on the entry holds what they do until the page takes over.
 */
export const WAITS_FOR_SCRIPT_ATTRIBUTE = 'data-lava-waits';
