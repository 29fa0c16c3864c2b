import { paymentMethodRow } from '../payments/paymentMethodRow.ts';
import { readCardPaymentMethod } from '../payments/readCardPaymentMethod.ts';
import { createId } from '../platform/createId.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';
import type { CustomerSessionContext } from './verifyCustomerSession.ts';

/**
 * Replaces the card the customer's subscription is charged to (renewals, top-ups, bundles with
 * the card on file) with one the page made with the processor's page code. The processor saves
 * it to the customer's processor account first (Stripe: attached to the same customer as the
 * old card), so it can be charged off-session; nothing is charged.
 */
export async function replaceCard(
  services: Services,
  account: CustomerSessionContext,
  paymentMethodRef: string,
): Promise<void> {
  const { merchantId, customer } = account;
  const subscription = await services.db
    .selectFrom('subscriptions')
    .innerJoin('plans', 'plans.id', 'subscriptions.plan_id')
    .innerJoin('merchants', 'merchants.id', 'plans.merchant_id')
    .leftJoin('payment_methods', 'payment_methods.id', 'subscriptions.payment_method_id')
    .select(['subscriptions.id', 'merchants.environment', 'payment_methods.processor_customer_ref'])
    .where('subscriptions.customer_id', '=', customer.id)
    .where('merchants.id', '=', merchantId)
    .where('subscriptions.status', '=', 'active')
    .executeTakeFirst();
  if (!subscription) {
    throw new ServiceError('invalid_state', 'You have no active plan to charge a card to.');
  }
  const card = await readCardPaymentMethod(services, paymentMethodRef);
  let customerRef = subscription.processor_customer_ref;
  if (services.payments.saveCard) {
    const saved = await services.payments
      .saveCard(card.processorRef, customerRef)
      .catch((error: unknown) => {
        console.error('Lava Checkout: the payment processor could not save a card', {
          error: error instanceof Error ? error.message : String(error),
        });
        throw new ServiceError(
          'invalid_payment_method',
          'Your card could not be saved. Check it, or try another card.',
          { param: 'payment_method' },
        );
      });
    customerRef = saved.customerRef;
  }
  const now = services.now().toISOString();
  await services.db.transaction().execute(async (trx) => {
    const id = createId('pm', subscription.environment);
    await trx
      .insertInto('payment_methods')
      .values({
        ...paymentMethodRow(id, customer.id, card, now),
        processor_customer_ref: customerRef,
      })
      .execute();
    await trx
      .updateTable('subscriptions')
      .set({ payment_method_id: id })
      .where('id', '=', subscription.id)
      .execute();
  });
}
