/**
 * The REST API's shapes, as the Lava API and its published Node SDK name them. Money is a
 * decimal string; times are ISO-8601 UTC.
 */

import type { BillingInterval, CheckoutMode } from '@lava-checkout/protocol';

export type { BillingInterval };
export type RolloverType = 'full' | 'none';
export type RateType = 'fixed' | 'percentage';
export type TierType = 'tokens_1m' | 'characters_1m' | 'minutes' | 'requests';

export interface PaginationParams {
  cursor?: string;
  limit?: number;
}

export interface ListResponse<T> {
  data: T[];
  has_more: boolean;
  /** Absent on the last page. */
  next_cursor?: string;
}

export interface DeletedResponse {
  id: string;
  deleted: true;
}

export interface RestMeterTier {
  start: number;
  rate: string;
  type: TierType;
}

export interface RestMeter {
  meter_id: string;
  meter_slug: string;
  name: string;
  rate_type: RateType;
  tiers: RestMeterTier[];
  created_at: string;
}

export interface CreateMeterParams {
  name: string;
  /** Made from the name when left out. */
  meter_slug?: string;
  rate_type: RateType;
  tier_type: TierType;
  /** The first starts at `"0"`; starts go up. */
  tiers: { start: string; rate: string }[];
}

export interface UpdateMeterParams {
  name?: string;
  tiers?: { start: string; rate: string }[];
}

export interface RestPlanCreditBundle {
  credit_bundle_id: string;
  name: string;
  cost: string;
  credit_amount: string;
}

/** What a plan charges and credits: on a plan, and on each subscription to it. */
export interface RestPlanTerms {
  name: string;
  period_amount: string;
  included_credit: string;
  billing_interval: BillingInterval;
  rollover_type: RolloverType;
  bundle_rollover_type: RolloverType;
}

export interface RestPlan extends RestPlanTerms {
  plan_id: string;
  merchant_id: string;
  default_auto_top_up_bundle_id: string | null;
  linked_meters: { meter_id: string; name: string }[];
  credit_bundles: RestPlanCreditBundle[];
  created_at: string;
}

export interface CreatePlanParams {
  name: string;
  period_amount: string;
  billing_interval: BillingInterval;
  /** @default 'none' */
  rollover_type?: RolloverType;
  /** @default 'full' */
  bundle_rollover_type?: RolloverType;
  /** At most `period_amount`. @default period_amount */
  included_credit?: string;
  default_auto_top_up_bundle_index?: number | null;
  meter_ids?: string[];
  credit_bundles?: { name: string; cost: string; credit_amount: string }[];
}

export interface UpdatePlanParams {
  name?: string;
  rollover_type?: RolloverType;
  bundle_rollover_type?: RolloverType;
  included_credit?: string;
  default_auto_top_up_bundle_id?: string | null;
  /** Replaces the linked meters. */
  meter_ids?: string[];
  /** With `credit_bundle_id`: updates (or with `is_deleted`, deletes) it; without: adds one. */
  credit_bundles?: {
    credit_bundle_id?: string;
    name: string;
    cost: string;
    credit_amount: string;
    is_deleted?: boolean;
  }[];
}

export interface RestCreditBundle {
  credit_bundle_id: string;
  plan_id: string;
  name: string;
  cost: string;
  credit_amount: string;
  created_at: string;
}

export interface RestCheckoutSession {
  checkout_session_id: string;
  checkout_session_token: string;
  checkout_mode: CheckoutMode;
  origin_url: string;
  customer_id?: string;
  plan_id?: string;
  credit_bundle_id?: string;
  created_at: string;
  expires_at: string;
  completed_at?: string;
}

export interface RestCustomer {
  customer_id: string;
  reference_id: string | null;
  /** Each field is a string; one the service does not know is `""`. */
  contact: {
    phone: string;
    email: string;
    first_name: string;
    last_name: string;
  };
  subscription: {
    subscription_id: string;
    plan_id: string;
    name: string;
    status: 'active' | 'cancelled';
  } | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

export interface CreateCustomerParams {
  /** Your own id; creating again with it returns the same customer. Must not start with `con_`. */
  reference_id?: string;
  email?: string;
  /** E.164, like `+14155550100`. */
  phone?: string;
  name?: string;
  metadata?: Record<string, unknown>;
}

/** `null` clears a field. */
export interface UpdateCustomerParams {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  reference_id?: string | null;
  metadata?: Record<string, unknown> | null;
}

export interface RestSubscriptionBase {
  subscription_id: string;
  plan_id: string;
  status: 'active' | 'cancelled';
  auto_top_up_bundle_id: string | null;
  started_at: string;
  cancelled_at: string | null;
  cycle_start_at: string | null;
  cycle_end_at: string | null;
  plan: RestPlanTerms;
  credits: { total_remaining: string; cycle_remaining: string; bundle_remaining: string };
  pending_change: {
    type: 'cancellation' | 'downgrade';
    effective_at: string | null;
    plan_id?: string;
    name?: string;
    period_amount?: string;
    included_credit?: string;
  } | null;
}

export interface RestSubscription extends RestSubscriptionBase {
  customer_id: string;
  customer: { phone: string; email?: string; first_name?: string; last_name?: string };
}

export interface RestRequest {
  request_id: string;
  status: 'pending' | 'completed' | 'error';
  customer_id?: string;
  meter_id?: string;
  provider: string;
  provider_key_type: 'managed' | 'unmanaged' | 'stored';
  model?: string;
  endpoint: string;
  response_id?: string;
  model_usage: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    input_characters: number;
    output_characters: number;
    total_characters: number;
    input_seconds: number;
    output_seconds: number;
    total_seconds: number;
    input_cost: string;
    output_cost: string;
    total_cost: string;
  };
  cost: string;
  charge: {
    amount: string;
    rate_type: RateType;
    breakdown: {
      tier: RestMeterTier;
      tokens: number;
      characters: number;
      seconds: number;
      cost: string;
    }[];
  };
  metadata: Record<string, string>;
  timestamp?: string;
  created_at: string;
}

export interface CreateRequestParams {
  /** Your id of the request: recording it again returns the first record. */
  request_id: string;
  /** `con_...` or your reference id. */
  customer_id: string;
  meter_slug: string;
  metadata?: Record<string, string>;
  input_tokens?: number;
  output_tokens?: number;
  input_characters?: number;
  output_characters?: number;
  input_seconds?: number;
  output_seconds?: number;
}

export interface RequestsListParams extends PaginationParams {
  customer_id?: string;
  meter_id?: string;
  metadata_filters?: Record<string, string>;
}

export interface UsageParams {
  /** A date (`2026-11-01`) or an ISO-8601 time. */
  start: string;
  /** @default now */
  end?: string;
  customer_id?: string;
  meter_id?: string;
  metadata_filters?: Record<string, string>;
}

export interface UsageTotals {
  total_requests: number;
  total_usage_tokens: number;
  total_cost: string;
  total_charge: string;
}

export interface RestUsage {
  items: ({ date: string; start: string; end: string } & UsageTotals)[];
  totals: UsageTotals;
}

export interface RestWebhook {
  webhook_id: string;
  name: string;
  url: string;
  created_at: string;
}

/** The signing secret is returned once, at creation. */
export interface RestWebhookCreate extends RestWebhook {
  webhook_secret: string;
}

/** Every event a webhook announces. */
export type WebhookEventType =
  | 'checkout.completed'
  | 'customer.created'
  | 'customer.deleted'
  | 'subscription.created'
  | 'subscription.cancelled'
  | 'subscription.renewed'
  | 'subscription.updated'
  | 'subscription.payment_failed'
  | 'credits.purchased'
  | 'customer.wallet.balance.updated';

/**
 * A webhook's body. `data` is the customer the event is about (`RestCustomer`), with the ids
 * of what happened: `checkout_session_id`, `subscription_id`, `plan_id`, `credit_bundle_id`.
 */
export interface WebhookEvent {
  /** Stable across retries: deduplicate on it. */
  id: string;
  event: WebhookEventType;
  created_at: string;
  data: RestCustomer & {
    checkout_session_id?: string;
    checkout_mode?: CheckoutMode;
    subscription_id?: string;
    plan_id?: string;
    credit_bundle_id?: string;
    credit_amount?: string;
    /** `subscription.renewed`: the cycle that started. */
    cycle_start_at?: string;
    cycle_end_at?: string;
    /** `subscription.renewed`, `subscription.payment_failed`: the renewal's payment. */
    payment_id?: string | null;
    /** What it charged (or tried to): the plan's price plus `overage_amount`. */
    amount?: string;
    /** Of `amount`, the usage beyond the credits. */
    overage_amount?: string;
    /**
     * `customer.wallet.balance.updated` (at most one per customer per second, carrying the
     * balance when it was written): the customer's credits left.
     */
    credits?: { total_remaining: string; cycle_remaining: string; bundle_remaining: string };
    /** `customer.wallet.balance.updated`: usage beyond the credits not charged yet. */
    overage_due?: string;
    /** `credits.purchased` by auto top-up: `auto_top_up`; by a checkout: absent. */
    source?: 'auto_top_up';
    /** `subscription.payment_failed`: why, which try it was, and when the next is (`null`: none). */
    failure_code?: string;
    attempt?: number;
    next_attempt_at?: string | null;
    /**
     * `subscription.updated`: what changed (a change for the end of the cycle set, cleared or
     * applied, or an upgrade applied at once), and the pending change it concerns.
     */
    change?: SubscriptionChange;
    pending_change?: RestSubscriptionBase['pending_change'];
    /** `subscription.updated` of an upgrade: the plan it replaced (`amount` is what it charged). */
    previous_plan_id?: string;
  };
}

/** What a `subscription.updated` event announces. */
export type SubscriptionChange =
  | 'pending_change_set'
  | 'pending_change_cleared'
  | 'pending_change_applied'
  | 'plan_upgraded';
