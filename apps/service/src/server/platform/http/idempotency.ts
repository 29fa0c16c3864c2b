import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { MerchantApiEnv } from '../../routes/v1/MerchantApiEnv.ts';
import type { Services } from '../../Services.ts';
import { leaseRows } from '../db/leaseRows.ts';
import { ServiceError } from '../ServiceError.ts';

/** How long an answer is kept for a retry under the same key. */
export const IDEMPOTENCY_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** How long the first request under a key owns it; a retry after that may run it again. */
const IN_FLIGHT_LEASE_MS = 60 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on the REST API's POSTs: the first request under a key runs and its answer
 * is kept for 24 hours; a retry with the same key and the same method, path and body gets that
 * answer again without running; another request under the same key gets 422, and a retry
 * while the first still runs gets 409. A server error keeps nothing, so a retry runs again.
 */
export function idempotency(
  services: Pick<Services, 'db' | 'now'>,
): MiddlewareHandler<MerchantApiEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!KEY.test(key)) {
      throw new ServiceError(
        'invalid_request',
        'Lava Checkout: Idempotency-Key is invalid: it must be 1 to 255 printable characters without spaces. Use a UUID per operation.',
        { param: 'Idempotency-Key' },
      );
    }
    const merchantId = c.get('merchant').id;
    const body = await c.req.text();
    const requestHash = createHash('sha256')
      .update(`${c.req.method} ${c.req.path}\n${body}`)
      .digest('hex');
    const now = services.now();
    const lease = new Date(now.getTime() + IN_FLIGHT_LEASE_MS).toISOString();
    const { db } = services;
    const where = { merchant_id: merchantId, key };

    const reserve = async () =>
      (
        await db
          .insertInto('idempotency_keys')
          .values({
            ...where,
            request_hash: requestHash,
            status: null,
            response: null,
            locked_until: lease,
            created_at: now.toISOString(),
          })
          .onConflict((oc) => oc.columns(['merchant_id', 'key']).doNothing())
          .executeTakeFirst()
      ).numInsertedOrUpdatedRows === 1n;

    if (!(await reserve())) {
      const row = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('merchant_id', '=', merchantId)
        .where('key', '=', key)
        .executeTakeFirst();
      const expired =
        row && Date.parse(row.created_at) + IDEMPOTENCY_KEY_LIFETIME_MS <= now.getTime();
      if (!row || expired) {
        await db
          .deleteFrom('idempotency_keys')
          .where('merchant_id', '=', merchantId)
          .where('key', '=', key)
          .execute();
        if (!(await reserve())) throw inFlight();
      } else if (row.request_hash !== requestHash) {
        throw new ServiceError(
          'idempotency_key_reused',
          'Lava Checkout: this Idempotency-Key was used with another request. Use a new key for each operation, and the same key only to retry the same request.',
          { param: 'Idempotency-Key' },
        );
      } else if (row.status !== null && row.response !== null) {
        return c.body(row.response, row.status as 200, {
          'content-type': 'application/json',
          'idempotent-replayed': 'true',
        });
      } else {
        const taken = await leaseRows(db, 'idempotency_keys', {
          until: new Date(now.getTime() + IN_FLIGHT_LEASE_MS),
          now,
        })
          .where('merchant_id', '=', merchantId)
          .where('key', '=', key)
          .where('status', 'is', null)
          .executeTakeFirst();
        if (taken.numUpdatedRows !== 1n) throw inFlight();
      }
    }

    try {
      await next();
    } catch (error) {
      await release(services, merchantId, key);
      throw error;
    }
    // Hono has already turned a handler's error into its answer here: a refusal (4xx) is kept
    // like a success, so the same retry gets the same refusal.
    const { status } = c.res;
    if (status >= 500) {
      await release(services, merchantId, key);
      return;
    }
    await db
      .updateTable('idempotency_keys')
      .set({ status, response: await c.res.clone().text() })
      .where('merchant_id', '=', merchantId)
      .where('key', '=', key)
      .execute();
  };
}

const inFlight = () =>
  new ServiceError(
    'idempotency_key_in_flight',
    'Lava Checkout: the first request with this Idempotency-Key is still being processed. Retry it in a few seconds.',
    { param: 'Idempotency-Key' },
  );

async function release(
  services: Pick<Services, 'db'>,
  merchantId: string,
  key: string,
): Promise<void> {
  await services.db
    .deleteFrom('idempotency_keys')
    .where('merchant_id', '=', merchantId)
    .where('key', '=', key)
    .where('status', 'is', null)
    .execute();
}
