import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import type { Services } from '../Services.ts';
import { cancelSubscription } from '../subscriptions/cancelSubscription.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { findCustomerOrThrow } from './findCustomerOrThrow.ts';
import { toRestCustomer } from './toRestCustomer.ts';

/**
 * Deletes a customer in one transaction: its active subscriptions are cancelled, each with its
 * `subscription.cancelled` event, then `customer.deleted` is announced. Its phone and reference
 * id are freed: a later checkout or POST makes a new customer.
 */
export async function deleteCustomer(
  services: Pick<Services, 'db' | 'now'>,
  merchant: AuthenticatedMerchant,
  idOrReference: string,
) {
  const customer = await findCustomerOrThrow(services.db, merchant.id, idOrReference);
  const at = services.now();
  await services.db.transaction().execute(async (trx) => {
    await cancelSubscription(trx, {
      merchant,
      customerId: customer.id,
      which: { all: true },
      at,
      customer,
    });
    await trx
      .updateTable('customers')
      .set({ deleted_at: at.toISOString(), phone: null, reference_id: null })
      .where('id', '=', customer.id)
      .execute();
    await trx
      .insertInto('webhook_events')
      .values(webhookEvent('customer.deleted', merchant, at, toRestCustomer(customer, null)))
      .execute();
  });
}
