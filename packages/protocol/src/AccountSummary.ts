/**
 * A customer's account at a glance, as `GET /api/account/summary` answers it to a page holding
 * a customer session token. Money is a decimal string in US dollars; times are ISO-8601 UTC.
 */
export interface AccountSummary {
  /** The customer's `con_...` id. */
  customer_id: string;
  /** Their subscription's status; `none` when they have no active subscription. */
  status: 'active' | 'cancelled' | 'none';
  /** The plan they are on; `null` with no active subscription. */
  plan: {
    id: string;
    name: string;
    period_amount: string;
    billing_interval: 'day' | 'week' | 'month' | 'year';
    included_credit: string;
  } | null;
  /** Credit left: the cycle's included credit, bundle credits, and both together. */
  credits: { total: string; cycle: string; bundle: string };
  /** When the current cycle ends and the plan renews; `null` with no active subscription. */
  cycle_end_at: string | null;
  /** A change that takes effect at the cycle's end (a cancellation, a downgrade), if any. */
  pending_change: {
    type: 'cancellation' | 'downgrade';
    effective_at: string | null;
    plan_id?: string;
    name?: string;
  } | null;
}
