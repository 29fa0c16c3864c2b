/**
 * The plan every merchant has, that customers sit on until they pay: $0 a month, no included
 * credit. Subscribed through `POST /v1/subscriptions` (no checkout, no card), and where a
 * customer lands when their paid plan ends for want of payment.
 */
export const FREE_PLAN = {
  name: 'Free',
  period_amount: '0.00',
  billing_interval: 'month',
  included_credit: '0.00',
  rollover_type: 'none',
  bundle_rollover_type: 'none',
  is_free: 1,
} as const;
