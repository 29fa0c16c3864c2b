import type { Tables } from '../platform/db/Database.ts';
import { definedOf } from '../platform/definedOf.ts';
import type { Services } from '../Services.ts';
import { findCustomerOrThrow } from './findCustomerOrThrow.ts';
import { refuseTaken } from './refuseTaken.ts';

/** A change to a customer: a field left out stays, `null` clears it. */
export type UpdateCustomerInput = {
  [K in 'reference_id' | 'email' | 'phone' | 'name']?: string | null | undefined;
} & { metadata?: Record<string, unknown> | null | undefined };

/**
 * Changes a customer's contact fields and metadata, and returns it as it now is. A phone or
 * reference id another customer has is refused.
 */
export async function updateCustomer(
  services: Pick<Services, 'db'>,
  merchantId: string,
  idOrReference: string,
  input: UpdateCustomerInput,
): Promise<Tables['customers']> {
  const { db } = services;
  const customer = await findCustomerOrThrow(db, merchantId, idOrReference);
  if (typeof input.reference_id === 'string') {
    await refuseTaken(db, merchantId, 'reference_id', input.reference_id, customer.id);
  }
  if (typeof input.phone === 'string') {
    await refuseTaken(db, merchantId, 'phone', input.phone, customer.id);
  }
  const changes: Partial<Tables['customers']> = definedOf({
    reference_id: input.reference_id,
    email: input.email,
    name: input.name,
    phone: input.phone,
    metadata:
      input.metadata === undefined
        ? undefined
        : input.metadata === null
          ? null
          : JSON.stringify(input.metadata),
  });
  if (Object.keys(changes).length > 0) {
    await db.updateTable('customers').set(changes).where('id', '=', customer.id).execute();
  }
  return { ...customer, ...changes };
}
