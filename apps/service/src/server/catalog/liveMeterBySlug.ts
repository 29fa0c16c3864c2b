import { type Param, prepareQuery } from '../platform/db/prepareQuery.ts';

/**
 * The merchant's meter of a `meter_slug`, unless deleted. Prepared: `POST /v1/requests` runs it
 * for every request a merchant reports.
 */
export const liveMeterBySlug = prepareQuery(
  (db, param: Param<{ merchant_id: string; slug: string }>) =>
    db
      .selectFrom('meters')
      .selectAll()
      .where('merchant_id', '=', param('merchant_id'))
      .where('slug', '=', param('slug'))
      .where('deleted_at', 'is', null),
);
