import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import type { Db, Tables } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { findCustomerOrThrow } from './findCustomerOrThrow.ts';
import { toRestCustomer } from './toRestCustomer.ts';

/**
 * Cancels a customer's active subscriptions in `trx`, returning the events that announce it.
 */
async function cancelAll(
  trx: Db,
  merchant: AuthenticatedMerchant,
  customer: Tables['customers'],
  at: Date,
): Promise<Tables['webhook_events'][]> {
  const cancelled = await trx
    .updateTable('subscriptions')
    .set({ status: 'cancelled', cancelled_at: at.toISOString() })
    .where('customer_id', '=', customer.id)
    .where('status', '=', 'active')
    .returning(['id', 'plan_id'])
    .execute();
  return cancelled.map((subscription) =>
    webhookEvent('subscription.cancelled', merchant, at, {
      ...toRestCustomer(customer, null),
      subscription_id: subscription.id,
      plan_id: subscription.plan_id,
    }),
  );
}

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
    const events = await cancelAll(trx, merchant, customer, at);
    events.push(webhookEvent('customer.deleted', merchant, at, toRestCustomer(customer, null)));
    await trx
      .updateTable('customers')
      .set({ deleted_at: at.toISOString(), phone: null, reference_id: null })
      .where('id', '=', customer.id)
      .execute();
    await trx.insertInto('webhook_events').values(events).execute();
  });
}
