import type { Tables } from '../platform/db/Database.ts';
import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

const USAGE_REQUEST_COLUMNS = [
  'id',
  'merchant_id',
  'request_id',
  'customer_id',
  'meter_id',
  'subscription_id',
  'usage',
  'charge',
  'drawn_cycle',
  'drawn_bundle',
  'breakdown',
  'metadata',
  'created_at',
  'usage_tokens',
  'charge_trillions',
  'charge_ones',
  'charge_fraction',
  'provider',
  'model',
  'endpoint',
  'provider_key_type',
  'cost',
  'status',
] as const satisfies readonly (keyof Tables['usage_requests'])[];
/**
 * Stores a recorded request, every column given. Prepared: every recorded request and every
 * gateway call writes one.
 */
export const insertUsageRequest = prepareQuery((db, param: Param<Tables['usage_requests']>) =>
  db
    .insertInto('usage_requests')
    .values(
      Object.fromEntries(
        USAGE_REQUEST_COLUMNS.map((column) => [column, param(column)]),
      ) as Tables['usage_requests'],
    ),
);
