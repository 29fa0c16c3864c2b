import { findMeterOrThrow } from '../catalog/findMeterOrThrow.ts';
import { findCustomerOrThrow } from '../customers/findCustomerOrThrow.ts';
import type { Db } from '../platform/db/Database.ts';
import type { UsageScope } from './usageScope.ts';

/** What a list or a summary of usage is narrowed to, as the merchant names it. */
export interface UsageFilters {
  /** `con_...` or the merchant's reference id. */
  customer_id?: string | undefined;
  meter_id?: string | undefined;
  metadata_filters?: [string, string][] | undefined;
}

/**
 * The scope of a usage read: the customer and the meter looked up (a 404 naming the parameter
 * when either is not the merchant's). A deleted meter still scopes the usage recorded against it.
 */
export async function resolveUsageScope(
  db: Db,
  merchantId: string,
  filters: UsageFilters,
): Promise<UsageScope> {
  const customer =
    filters.customer_id === undefined
      ? undefined
      : await findCustomerOrThrow(db, merchantId, filters.customer_id, 'customer_id');
  const meter =
    filters.meter_id === undefined
      ? undefined
      : await findMeterOrThrow(db, merchantId, filters.meter_id, {
          param: 'meter_id',
          includeDeleted: true,
        });
  return {
    merchantId,
    customerId: customer?.id,
    meterId: meter?.id,
    metadata: filters.metadata_filters,
  };
}
