import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

/** A customer's use of one meter in one period. */
export type MeterPeriod = { customer_id: string; meter_id: string; period_start: string };

/**
 * What a customer has used of a meter in a period (graduated tiers count from it). Prepared:
 * every recorded request and every billed gateway call reads it.
 */
export const findMeterUsage = prepareQuery((db, param: Param<MeterPeriod>) =>
  db
    .selectFrom('meter_usage')
    .select('quantity')
    .where('customer_id', '=', param('customer_id'))
    .where('meter_id', '=', param('meter_id'))
    .where('period_start', '=', param('period_start')),
);
