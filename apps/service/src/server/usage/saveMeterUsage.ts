import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';
import type { MeterPeriod } from './findMeterUsage.ts';

/**
 * Sets what a customer has used of a meter in a period, to the total after a request. Prepared:
 * every recorded request and every billed gateway call writes it.
 */
export const saveMeterUsage = prepareQuery((db, param: Param<MeterPeriod & { quantity: string }>) =>
  db
    .insertInto('meter_usage')
    .values({
      customer_id: param('customer_id'),
      meter_id: param('meter_id'),
      period_start: param('period_start'),
      quantity: param('quantity'),
    })
    .onConflict((oc) =>
      oc
        .columns(['customer_id', 'meter_id', 'period_start'])
        .doUpdateSet({ quantity: param('quantity') }),
    ),
);
