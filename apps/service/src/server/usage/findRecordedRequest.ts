import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

/**
 * The request the merchant recorded under a `request_id`. Prepared: `POST /v1/requests` looks
 * for it on every request a merchant reports.
 */
export const findRecordedRequest = prepareQuery(
  (db, param: Param<{ merchant_id: string; request_id: string }>) =>
    db
      .selectFrom('usage_requests')
      .selectAll()
      .where('merchant_id', '=', param('merchant_id'))
      .where('request_id', '=', param('request_id')),
);
