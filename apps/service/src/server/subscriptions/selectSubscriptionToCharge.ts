import { CARD_ON_FILE_COLUMNS } from '../customers/CARD_ON_FILE_COLUMNS.ts';
import type { Db } from '../platform/db/Database.ts';
import { selectSubscriptionWithPlan } from './selectSubscriptionWithPlan.ts';

/**
 * Subscriptions with what charging one off-session needs (`chargeContext`): its plan, its
 * plan's merchant, and its card on file (`processor_ref` is `null` when it has none).
 */
export function selectSubscriptionToCharge(db: Db) {
  return selectSubscriptionWithPlan(db)
    .innerJoin('merchants', 'merchants.id', 'plans.merchant_id')
    .leftJoin('payment_methods', 'payment_methods.id', 'subscriptions.payment_method_id')
    .select([
      'plans.billing_interval',
      'merchants.id as merchant_id',
      'merchants.name as merchant_name',
      'merchants.environment',
      ...CARD_ON_FILE_COLUMNS.charged,
    ]);
}
