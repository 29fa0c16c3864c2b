import { ID_PREFIXES } from '@lava-checkout/protocol';
import type { AuthenticatedMerchant } from '../merchants/authenticateMerchant.ts';
import { createId } from '../platform/createId.ts';
import type { Tables } from '../platform/db/Database.ts';
import type { Services } from '../Services.ts';
import { webhookEvent } from '../webhooks/webhookEvent.ts';
import { refuseTaken } from './refuseTaken.ts';
import { toRestCustomer } from './toRestCustomer.ts';

/** A customer the merchant makes (checked for form already; the phone in E.164). */
export interface CustomerInput {
  reference_id?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  name?: string | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/**
 * Makes a customer and its `customer.created` event, or, idempotent on `reference_id`, finds
 * the live customer made with it before (`created: false`). A phone another customer has is
 * refused, even when a concurrent request took it meanwhile.
 */
export async function createCustomer(
  services: Pick<Services, 'db' | 'now'>,
  merchant: AuthenticatedMerchant,
  input: CustomerInput,
): Promise<{ customer: Tables['customers']; created: boolean }> {
  const { db } = services;
  if (input.reference_id !== undefined) {
    const existing = await db
      .selectFrom('customers')
      .selectAll()
      .where('merchant_id', '=', merchant.id)
      .where('reference_id', '=', input.reference_id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (existing) return { customer: existing, created: false };
  }
  if (input.phone !== undefined) await refuseTaken(db, merchant.id, 'phone', input.phone);
  const at = services.now();
  const customer: Tables['customers'] = {
    id: createId(ID_PREFIXES.customer, merchant.environment),
    merchant_id: merchant.id,
    phone: input.phone ?? null,
    created_at: at.toISOString(),
    reference_id: input.reference_id ?? null,
    email: input.email ?? null,
    name: input.name ?? null,
    metadata: input.metadata ? JSON.stringify(input.metadata) : null,
    deleted_at: null,
  };
  try {
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('customers').values(customer).execute();
      await trx
        .insertInto('webhook_events')
        .values(webhookEvent('customer.created', merchant, at, toRestCustomer(customer, null)))
        .execute();
    });
  } catch (error) {
    // Another request made the same reference id or phone meanwhile.
    if (input.reference_id !== undefined) {
      await refuseTaken(db, merchant.id, 'reference_id', input.reference_id);
    }
    if (input.phone !== undefined) await refuseTaken(db, merchant.id, 'phone', input.phone);
    throw error;
  }
  return { customer, created: true };
}
