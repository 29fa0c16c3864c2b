import type { BillingInterval, Environment } from '@lava-checkout/protocol';
import type { RateType, RolloverType, TierType, WebhookEventType } from '@lava-checkout/server';
import type { ColumnType, Kysely } from 'kysely';

/**
 * Credits in whole 10^-10 units of the currency, a `bigint` column: written as a `bigint`, read
 * back as a number (SQLite) or a string (PostgreSQL); read it with `readCreditUnits`.
 */
export type CreditUnits = ColumnType<number | string | bigint, bigint, bigint>;

/** Where a grant of credits came from; cycle and rollover credit draw first. */
export type CreditSource = 'cycle' | 'rollover' | 'bundle' | 'top_up' | 'adjustment';

/** Times are ISO-8601 UTC strings; money is a decimal string, as on the wire. */
export interface Tables {
  settings: { name: string; value: string };
  merchants: {
    id: string;
    name: string;
    environment: Environment;
    created_at: string;
    /** JSON array of ISO 3166 codes codes may be texted to; `null`: the service's default. */
    sms_countries: string | null;
    /** https URLs the checkout shows: the merchant's logo, terms and privacy pages. */
    logo_url: string | null;
    terms_url: string | null;
    privacy_url: string | null;
    /** Where the checkout sends a customer who needs help. */
    support_email: string | null;
    /** Auto top-ups one subscription may buy in a cycle; `null`: `AUTO_TOP_UPS_PER_CYCLE`. */
    auto_top_ups_per_cycle: number | null;
  };
  secret_keys: {
    id: string;
    merchant_id: string;
    /** Public id of the session-signing key, carried inside session secrets. */
    kid: string;
    /** base64url HMAC key derived from the secret key; verifies session secrets. */
    signing_key: string;
    /** SHA-256 of the secret key: REST API bearer lookups never store the key itself. */
    key_hash: string;
    created_at: string;
    /**
     * When the key stops opening the REST API: `null` while it is current; after a rotation,
     * the end of its grace period. Sessions it signed that the service saw before then verify
     * until they expire; no session is recorded for it after.
     */
    revoked_at: string | null;
    /** What the merchant called the key; `null` for keys made before keys had names. */
    name: string | null;
    /** The key's first and last characters, as lists show it; `null` for keys made before. */
    key_hint: string | null;
  };
  /** Gateway keys for agents (`lsk_…`), limited and counted per cycle; stored as SHA-256. */
  spend_keys: {
    id: string;
    merchant_id: string;
    /** The customer whose plan credits pay, with `meter_id`; `null`: the merchant pays. */
    customer_id: string | null;
    meter_id: string | null;
    name: string;
    key_hash: string;
    key_preview: string;
    status: 'active' | 'paused';
    request_shape: 'openai' | 'anthropic';
    /** JSON array, or `null` for any. */
    allowed_models: string | null;
    allowed_providers: string | null;
    spend_limit_amount: string | null;
    spend_limit_cycle: SpendKeyCycle | null;
    request_limit_count: number | null;
    request_limit_cycle: SpendKeyCycle | null;
    rate_limit_rpm: number | null;
    rate_limit_burst: number | null;
    expires_at: string | null;
    /** Start of the cycle `current_spend` counts (reserved, in-flight calls included). */
    spend_cycle_start: string | null;
    current_spend: string;
    total_spend: string;
    request_cycle_start: string | null;
    current_requests: number;
    total_requests: number;
    /** The rate limit's token bucket: tokens left when last updated. */
    rate_tokens: number | null;
    rate_updated_at: string | null;
    /** Bumped by every change of the counters: their compare-and-set. */
    version: number;
    last_used_at: string | null;
    created_at: string;
    /** Revoked or rotated away: the key stops at once. */
    revoked_at: string | null;
  };
  /** A browser sign-in an agent started: finished by the merchant's key or a customer's phone. */
  sign_ins: {
    id: string;
    /** The merchant a customer signs in at; `null` when the sign-in is for a merchant. */
    merchant_id: string | null;
    /** SHA-256 of the secret the agent polls with. */
    poll_hash: string;
    status: 'pending' | 'signed_in' | 'collected';
    customer_id: string | null;
    meter_id: string | null;
    /** The phone the latest code went to, its HMAC, end and checks (as a checkout session's). */
    phone: string | null;
    code_hash: string | null;
    code_expires_at: string | null;
    code_attempts: number;
    code_sends: number;
    /** The one-time code, held until the agent collects it once. */
    auth_code: string | null;
    expires_at: string;
    created_at: string;
  };
  /** One-time codes exchanged at `POST /v1/auth/callback`; stored as SHA-256. */
  auth_codes: {
    code_hash: string;
    merchant_id: string;
    /** `secret_key`: the exchange makes a secret key; `spend_key`: a spend key of that scope. */
    purpose: 'secret_key' | 'spend_key';
    customer_id: string | null;
    meter_id: string | null;
    expires_at: string;
    used_at: string | null;
    created_at: string;
  };
  meters: {
    id: string;
    merchant_id: string;
    name: string;
    slug: string;
    rate_type: RateType;
    tier_type: TierType;
    /** JSON `[{ start, rate }]`. */
    tiers: string;
    created_at: string;
    deleted_at: string | null;
  };
  plans: {
    id: string;
    merchant_id: string;
    name: string;
    period_amount: string;
    billing_interval: BillingInterval;
    included_credit: string;
    rollover_type: RolloverType;
    bundle_rollover_type: RolloverType;
    created_at: string;
    default_auto_top_up_bundle_id: string | null;
    deleted_at: string | null;
    /** 1: the merchant's Free plan ($0, subscribed without checkout); 0 otherwise. */
    is_free: ColumnType<number, number | undefined, number>;
  };
  plan_meters: { plan_id: string; meter_id: string };
  credit_bundles: {
    id: string;
    plan_id: string;
    name: string;
    cost: string;
    credit_amount: string;
    created_at: string;
    deleted_at: string | null;
  };
  customers: {
    id: string;
    merchant_id: string;
    /**
     * E.164: the phone checkout verified, or the one the merchant gave; `null` for a customer
     * the merchant made without one, and for a deleted customer (its phone is free again).
     * Unique per merchant among real phones.
     */
    phone: string | null;
    created_at: string;
    /** The merchant's own id for the customer; unique per merchant. */
    reference_id: string | null;
    email: string | null;
    name: string | null;
    /** JSON object. */
    metadata: string | null;
    deleted_at: string | null;
  };
  checkout_sessions: {
    id: string;
    merchant_id: string;
    mode: 'subscription' | 'credit_bundle';
    origin_url: string;
    plan_id: string | null;
    /**
     * The customer the session was minted for; once the phone is verified, the merchant's
     * customer it belongs to (`null`: a new customer, created when they pay); once completed,
     * the customer it completed for.
     */
    customer_id: string | null;
    status: CheckoutSessionStatus;
    /** E.164 phone the latest code went to; verified once status is past 'open'. */
    phone: string | null;
    code_sends: number;
    payment_attempts: number;
    expires_at: string;
    created_at: string;
    completed_at: string | null;
    /** When the session last moved (opened, code sent, phone verified, payment tried). */
    updated_at: string | null;
    /**
     * The latest code: HMAC-SHA256 of session, phone and code (never the code), when it stops
     * working, when it was sent, and how many checks it had. Cleared once used.
     */
    code_hash: string | null;
    code_expires_at: string | null;
    code_sent_at: string | null;
    code_attempts: number;
    credit_bundle_id: string | null;
  };
  payment_methods: {
    id: string;
    customer_id: string;
    processor_ref: string;
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
    created_at: string;
    /** The processor's customer the card is saved to, for renewals; `null` when it has none. */
    processor_customer_ref: string | null;
  };
  /**
   * Every charge attempt, written with its idempotency key before the processor is called:
   * `pending` (claimed, processor called or about to be), `requires_action` (the customer is
   * authenticating), then `succeeded` or `failed`.
   */
  payments: {
    id: string;
    /** What it buys; it says which of `session_id` and `subscription_id` it belongs to. */
    kind: PaymentKind;
    /** The checkout session paying, for a `plan` or a `bundle`; `null` for off-session kinds. */
    session_id: string | null;
    /** The subscription charged off-session (renewals, top-ups); `null` for a checkout's. */
    subscription_id: string | null;
    amount: string;
    currency: string;
    status: PaymentStatus;
    failure_code: string | null;
    /** The processor's charge id, once known. */
    processor_ref: string | null;
    created_at: string;
    merchant_id: string | null;
    plan_id: string | null;
    /** The verified phone paying: with plan_id, the purchase only one payment may be in at once. */
    phone: string | null;
    ip: string | null;
    idempotency_key: string | null;
    payment_method_ref: string | null;
    /** Until then, the request that claimed it is still at work; after, recovery may take over. */
    locked_until: string | null;
    /** The credit bundle it buys; `null` for a subscription's payment. */
    credit_bundle_id: string | null;
    /** The processor's customer of the card on file it charges; `null` for a new card. */
    processor_customer_ref: string | null;
    /**
     * A renewal's part for usage beyond the credits (`overage_due`), in `amount` beside the
     * plan's price (decimal string); `null` for every other payment.
     */
    overage_amount: string | null;
  };
  /** One row per code texted: what the per-phone and per-IP limits count. */
  sms_sends: {
    id: string;
    session_id: string;
    merchant_id: string;
    phone: string;
    /** What the per-IP limits count (see `addressLimitKey`); `null`: none applied. */
    ip: string | null;
    created_at: string;
  };
  /**
   * One row per wrong code, whatever the session: what the per-phone lock of its merchant
   * counts. Rows from before limits were per merchant have no merchant, and count for none.
   */
  code_failures: { id: string; merchant_id: string | null; phone: string; created_at: string };
  /**
   * A phone that guessed wrong too often at a merchant: before `locked_until`, that merchant's
   * checkouts text it no code and verify it with none.
   */
  phone_locks: { merchant_id: string; phone: string; locked_until: string };
  subscriptions: {
    id: string;
    customer_id: string;
    plan_id: string;
    /** `null`: subscribed without a checkout (a $0 plan through the API, or the fall back to Free). */
    checkout_session_id: string | null;
    /** The saved card renewals charge; `null` on a $0 plan subscribed without a card. */
    payment_method_id: string | null;
    status: 'active' | 'cancelled';
    started_at: string;
    cycle_start_at: string;
    cycle_end_at: string;
    cancelled_at: string | null;
    created_at: string;
    /** The bundle auto top-up buys; `null`: the plan's `default_auto_top_up_bundle_id`. */
    auto_top_up_bundle_id: string | null;
    /** 1: auto top-up turned off for this subscription, whatever the plan's default. */
    auto_top_up_off: ColumnType<number, number | undefined, number>;
    /**
     * What happens when the cycle ends, instead of a renewal on this plan: `downgrade` (it
     * renews on `pending_plan_id`) or `cancellation` (it ends, and the customer goes to the
     * Free plan); `null`: it renews as it is.
     */
    pending_change: 'downgrade' | 'cancellation' | null;
    /** The plan a pending `downgrade` moves to; `null` otherwise. */
    pending_plan_id: string | null;
    /**
     * When a renewal that failed is charged again (`null`: at `cycle_end_at`); a time past the
     * cycle's end changes nothing.
     */
    renewal_retry_at: ColumnType<string | null, string | null | undefined, string | null>;
  };
  /** Usage recorded through `POST /v1/requests`, priced when recorded. */
  usage_requests: {
    id: string;
    merchant_id: string;
    /** The merchant's id of the request: recording it again returns the first record. */
    request_id: string;
    /** `null`: a gateway call made with the secret key alone. */
    customer_id: string | null;
    /** `null`: a gateway call without a meter. */
    meter_id: string | null;
    /** The subscription whose credits paid for it, if any. */
    subscription_id: string | null;
    /** JSON `UsageCounts`. */
    usage: string;
    /** What the meter's tiers price it at (decimal string). */
    charge: string;
    /** Of the charge, what the cycle's included credit paid. */
    drawn_cycle: string;
    /** Of the charge, what bundle credits paid. */
    drawn_bundle: string;
    /** JSON of the charge per tier. */
    breakdown: string;
    /** JSON object of strings. */
    metadata: string;
    created_at: string;
    /**
     * Input and output tokens, and the charge as `AmountParts`: what usage summaries sum in the
     * database. Written with the request; read only through sums (PostgreSQL hands a bigint
     * back as a string).
     */
    usage_tokens: number;
    charge_trillions: number;
    charge_ones: number;
    charge_fraction: number;
    /** Gateway calls: the provider (`openai`, …, or `custom`), `null` for `POST /v1/requests`. */
    provider: string | null;
    model: string | null;
    /** The provider URL's path. */
    endpoint: string | null;
    provider_key_type: 'managed' | 'unmanaged' | null;
    /** The provider's list-price cost of the call (decimal string), when known. */
    cost: string | null;
    /** Gateway calls: how the call ended (`completed`, `client_gone`, `upstream_error`, …). */
    status: string | null;
  };
  /** Where a customer's use of a meter stands in a period, for its graduated tiers. */
  meter_usage: { customer_id: string; meter_id: string; period_start: string; quantity: string };
  /** A subscription's credits: used in the current cycle, and left from bundles bought. */
  credit_balances: {
    subscription_id: string;
    cycle_start_at: string;
    cycle_used: string;
    bundle_remaining: string;
    updated_at: string;
  };
  /** Credits given to a customer, and what is left of them (see credits/NOTES.md). */
  credit_grants: {
    id: string;
    merchant_id: string;
    customer_id: string;
    subscription_id: string | null;
    source: CreditSource;
    amount: CreditUnits;
    remaining: CreditUnits;
    /** For cycle and rollover credit: the cycle it was given for. */
    cycle_start_at: string | null;
    /** From then on it draws no more; `null`: it does not expire. */
    expires_at: string | null;
    payment_id: string | null;
    created_at: string;
  };
  /** Append-only: every change to a grant or an account, signed (grants +, the rest -). */
  credit_entries: {
    id: string;
    merchant_id: string;
    customer_id: string;
    /** The grant it changed; `null` for overage, which no grant paid. */
    grant_id: string | null;
    kind: 'grant' | 'draw' | 'expire' | 'overage';
    amount: CreditUnits;
    /** The request it paid for (`usage_requests.id`), for draws and overage. */
    request_id: string | null;
    created_at: string;
  };
  /** One per customer with credits: every change to it is a conditional update. */
  credit_accounts: {
    customer_id: string;
    merchant_id: string;
    /** The sum of what is left of the customer's grants. */
    available: CreditUnits;
    /** Held by open reservations: calls in flight. */
    reserved: CreditUnits;
    /** Usage beyond the credits, not charged yet. */
    overage_due: CreditUnits;
    updated_at: string;
    /** Goes up with every change of the customer's credits (`markBalanceChanged`). */
    balance_version: ColumnType<number | string | bigint, bigint | undefined, bigint>;
    /** The `balance_version` the last `customer.wallet.balance.updated` event carried. */
    announced_version: ColumnType<number | string | bigint, bigint | undefined, bigint>;
    /** When that event was written; `null`: never. */
    announced_at: ColumnType<string | null, string | null | undefined, string | null>;
  };
  /** What a gateway call in flight holds of its customer's credits. */
  credit_reservations: {
    id: string;
    merchant_id: string;
    customer_id: string;
    amount: CreditUnits;
    status: 'open' | 'settled' | 'released';
    /** The request it is for (`usage_requests.id` once recorded). */
    request_id: string;
    created_at: string;
    /** Past it, recovery settles it at its amount: its call may have reached the provider. */
    settle_by: string;
  };
  webhooks: {
    id: string;
    merchant_id: string;
    name: string;
    url: string;
    /** The signing secret, shown to the merchant once. */
    secret: string;
    created_at: string;
    deleted_at: string | null;
  };
  /** The outbox: each event written in the transaction of the change it announces. */
  webhook_events: {
    id: string;
    merchant_id: string;
    type: WebhookEventType;
    /** The exact JSON body every delivery of it sends. */
    payload: string;
    created_at: string;
    /** When its deliveries (one per endpoint) were planned. */
    dispatched_at: string | null;
  };
  webhook_deliveries: {
    id: string;
    event_id: string;
    webhook_id: string;
    attempts: number;
    next_attempt_at: string;
    /** A worker is at it until then; after, another may take it over. */
    locked_until: string | null;
    delivered_at: string | null;
    /** Given up on after three days of retries. */
    failed_at: string | null;
    last_error: string | null;
    created_at: string;
  };
  /** `Idempotency-Key`s of the REST API, with the answer they got, kept 24 hours. */
  idempotency_keys: {
    merchant_id: string;
    key: string;
    /** SHA-256 of the method, path and body: another body under the same key is refused. */
    request_hash: string;
    /** The answer's status and body; `null` while the first request is at work. */
    status: number | null;
    response: string | null;
    locked_until: string;
    created_at: string;
  };
}

/** The cycle a spend key's limit counts over; `total` never resets. */
export type SpendKeyCycle = 'daily' | 'weekly' | 'monthly' | 'total';

/**
 * What a payment buys: a plan or a credit bundle, at checkout; a subscription's next cycle,
 * off-session (`renewal`); a credit bundle bought off-session when the credits ran out (`top_up`);
 * a move to a more expensive plan, at once (`upgrade`: of a subscription, off-session or from a
 * checkout).
 */
export type PaymentKind = 'plan' | 'bundle' | 'renewal' | 'top_up' | 'upgrade';

export type PaymentStatus = 'pending' | 'requires_action' | 'succeeded' | 'failed';

/** `open -> phone_verified -> processing -> completed`; a decline goes back to phone_verified. */
export type CheckoutSessionStatus = 'open' | 'phone_verified' | 'processing' | 'completed';

export type Db = Kysely<Tables>;
