import type { AccountSummary } from '@lava-checkout/protocol';
import { z } from 'zod';
import type { CardOnFile } from './checkoutContract.ts';
import type { Money, PageMerchant, ProcessorPageConfig } from './PageBootstrap.ts';

/**
 * The contract between the hosted account page and its API (`/api/account/*`, called by the page
 * itself): request schemas and response types. The service validates with the schemas; the page
 * imports types only.
 */

/** One day of the cycle's usage: what it cost, in credits (US dollars), and how many requests. */
export interface UsageDay {
  /** `2026-12-01`, UTC. */
  date: string;
  amount: Money;
  requests: number;
}

/** A credit bundle of the customer's plan, which they may buy. */
export interface AccountBundle {
  id: string;
  name: string;
  cost: Money;
  credits: Money;
}

/** Another plan of the merchant the customer may change to. */
export interface AccountPlan {
  id: string;
  name: string;
  period_amount: Money;
  billing_interval: 'day' | 'week' | 'month' | 'year';
  included_credit: Money;
  /** Costs more per period than the current plan: applies at once; otherwise at the cycle's end. */
  change: 'upgrade' | 'downgrade';
}

/** A payment the customer made, and what its receipt shows. */
export interface AccountPayment {
  id: string;
  /** What it paid for: the plan (a first payment, a renewal, an upgrade) or a credit bundle. */
  kind: 'plan' | 'bundle' | 'renewal' | 'top_up' | 'upgrade' | 'other';
  /** The plan or bundle, as the card statement names it. */
  description: string;
  amount: Money;
  created_at: string;
  /** The card charged, as much as may be shown; `null` when it is no longer known. */
  card: CardOnFile | null;
}

/** Everything the account page shows, in one reading. */
export interface AccountOverview {
  summary: AccountSummary;
  /** Every day of the current cycle up to today, oldest first (days without usage at 0). */
  usage: UsageDay[];
  bundles: AccountBundle[];
  /** The bundle bought automatically when credits run out; `null`: auto top-up is off. */
  auto_top_up_bundle_id: string | null;
  /** The bundle auto top-up buys when turned on without naming one. */
  default_auto_top_up_bundle_id: string | null;
  plans: AccountPlan[];
  /** The card renewals and bundles are charged to. */
  card: CardOnFile | null;
  /** Latest first. */
  payments: AccountPayment[];
}

/** What the service inlines into the account page. */
export type AccountBootstrap =
  | {
      status: 'active';
      originUrl: string;
      testMode: boolean;
      processor: ProcessorPageConfig;
      merchant: PageMerchant;
      overview: AccountOverview;
      /** What is left of the session's hour. */
      expiresInMs: number;
    }
  | { status: 'invalid' | 'expired'; originUrl: string | null };

/**
 * `POST /api/account/bundles/:id/buy`: with the card on file, a new card the page made with the
 * processor's page code, or (after the customer authenticated) the charge to finish with the
 * purchase it belongs to.
 */
export const AccountBuyRequest = z.union([
  z.strictObject({ card_on_file: z.literal(true) }),
  z.strictObject({ payment_method: z.string().min(1).max(255) }),
  z.strictObject({ charge: z.string().min(1).max(255), purchase: z.string().min(1).max(64) }),
]);
export type AccountBuyRequest = z.infer<typeof AccountBuyRequest>;
export type AccountBuyResponse =
  | { status: 'succeeded'; overview: AccountOverview }
  | { status: 'requires_action'; charge: string; client_secret: string; purchase: string };

/** `PUT /api/account/auto-top-up`: the bundle to buy when credits run out, or `null` for off. */
export const AutoTopUpRequest = z.strictObject({
  bundle_id: z.string().min(1).max(64).nullable(),
});
export type AutoTopUpRequest = z.infer<typeof AutoTopUpRequest>;

/** `POST /api/account/plan`: change to this plan. */
export const ChangePlanRequest = z.strictObject({ plan_id: z.string().min(1).max(64) });
export type ChangePlanRequest = z.infer<typeof ChangePlanRequest>;

/** `PUT /api/account/card`: the new card, made with the processor's page code. */
export const ReplaceCardRequest = z.strictObject({ payment_method: z.string().min(1).max(255) });
export type ReplaceCardRequest = z.infer<typeof ReplaceCardRequest>;
