import type { CardOnFile } from '../../shared/checkoutContract.ts';
import { CARD_ON_FILE_COLUMNS } from '../customers/CARD_ON_FILE_COLUMNS.ts';
import type { PaymentMethod } from '../payments/PaymentProcessor.ts';
import type { Db } from '../platform/db/Database.ts';
import { activeSubscriptionTo } from '../subscriptions/activeSubscriptionTo.ts';

/** A subscriber who may buy a bundle of their plan, and the card their subscription is paid with. */
export interface BundleBuyer {
  subscriptionId: string;
  /** `null` when the subscription has no card saved (or not one the processor can charge again). */
  card: PaymentMethod | null;
}

/**
 * The customer's active subscription to the plan, with its card on file, in one read; `null`
 * when the customer does not have the plan (any more).
 */
export async function findBundleBuyer(
  db: Db,
  customerId: string,
  planId: string,
): Promise<BundleBuyer | null> {
  const row = await activeSubscriptionTo(db, customerId, planId)
    .leftJoin('payment_methods', 'payment_methods.id', 'subscriptions.payment_method_id')
    .select(['subscriptions.id as subscription_id', ...CARD_ON_FILE_COLUMNS.charged])
    .executeTakeFirst();
  if (!row) return null;
  const { processor_ref, brand, last4, exp_month, exp_year } = row;
  const card: PaymentMethod | null =
    processor_ref !== null &&
    brand !== null &&
    last4 !== null &&
    exp_month !== null &&
    exp_year !== null
      ? {
          processorRef: processor_ref,
          brand,
          last4,
          expMonth: exp_month,
          expYear: exp_year,
          ...(row.processor_customer_ref ? { customerRef: row.processor_customer_ref } : {}),
        }
      : null;
  return { subscriptionId: row.subscription_id, card };
}

/** What the page may show of a card on file. */
export function toCardOnFile(card: PaymentMethod | null): CardOnFile | null {
  return (
    card && {
      brand: card.brand,
      last4: card.last4,
      exp_month: card.expMonth,
      exp_year: card.expYear,
    }
  );
}
