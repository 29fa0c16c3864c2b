/** What a checkout for a credit bundle reads of the bundle it sells. */
export const SOLD_BUNDLE_COLUMNS = [
  'credit_bundles.id',
  'credit_bundles.plan_id',
  'credit_bundles.name',
  'credit_bundles.cost',
  'credit_bundles.credit_amount',
] as const;
