import { PRO_PLAN_TERMS } from './PRO_PLAN_TERMS.ts';

const AT = '2026-11-22T12:00:00.000Z';

/**
 * A subscription to the Pro Plan as the REST API shows it, started at the store fixtures'
 * moment and in its first cycle (to Dec 22): active, without auto top-up or a pending change,
 * `remaining` of its included credit left and no bundle credit.
 */
export function restProSubscription(fields: {
  subscription_id: string;
  plan_id: string;
  remaining: string;
}) {
  return {
    subscription_id: fields.subscription_id,
    plan_id: fields.plan_id,
    status: 'active',
    auto_top_up_bundle_id: null,
    started_at: AT,
    cancelled_at: null,
    cycle_start_at: AT,
    cycle_end_at: '2026-12-22T12:00:00.000Z',
    plan: PRO_PLAN_TERMS,
    credits: {
      total_remaining: fields.remaining,
      cycle_remaining: fields.remaining,
      bundle_remaining: '0.00',
    },
    pending_change: null,
  };
}
