/** The seeds' "Pro Plan": 49.00 a month with 25.00 of included usage credit. */
export const PRO_PLAN = {
  name: 'Pro Plan',
  period_amount: '49.00',
  billing_interval: 'month',
  included_credit: '25.00',
  rollover_type: 'none',
  bundle_rollover_type: 'full',
  is_free: 0,
} as const;
