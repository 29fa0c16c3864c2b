/**
 * The columns `toRestPendingChange` reads besides the subscription's status and cycle end, for a
 * query that joins the pending plan as `plans as pending_plans` on `subscriptions.pending_plan_id`.
 */
export const PENDING_CHANGE_COLUMNS = [
  'subscriptions.pending_change',
  'subscriptions.pending_plan_id',
  'pending_plans.name as pending_plan_name',
  'pending_plans.period_amount as pending_period_amount',
  'pending_plans.included_credit as pending_included_credit',
] as const;
