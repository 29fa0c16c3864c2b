import { Hono } from 'hono';
import { z } from 'zod';
import { findCustomerOrThrow } from '../../customers/findCustomerOrThrow.ts';
import { toRestCustomer } from '../../customers/toRestCustomer.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { id, listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import { subscriptionsQuery, toRestSubscription } from '../../subscriptions/loadSubscriptions.ts';
import { webhookEvent } from '../../webhooks/webhookEvent.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

const ListSubscriptions = z.strictObject({
  ...listQuery,
  status: z.enum(['active', 'cancelled', 'all']).optional(),
  customer_id: id.optional(),
});
const UpdateSubscription = z.strictObject({ auto_top_up_bundle_id: id.nullable().optional() });

/** `/v1/subscriptions`: who is on which plan; subscriptions start through checkout. */
export function subscriptionRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  const find = async (merchantId: string, subscriptionId: string) => {
    const row = await subscriptionsQuery(db, merchantId)
      .where('subscriptions.id', '=', subscriptionId)
      .executeTakeFirst();
    if (!row) {
      throw new ServiceError(
        'not_found',
        `Lava Checkout: no subscription ${subscriptionId} in this account. Use a subscription_id from GET /v1/subscriptions.`,
      );
    }
    return row;
  };

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, ListSubscriptions);
    const merchantId = c.get('merchant').id;
    const customer = query.customer_id
      ? await findCustomerOrThrow(db, merchantId, query.customer_id, 'customer_id')
      : null;
    const status = query.status ?? 'active';
    return c.json(
      await listPage(
        query,
        (before, take) => {
          let q = subscriptionsQuery(db, merchantId);
          if (status !== 'all') q = q.where('subscriptions.status', '=', status);
          if (customer) q = q.where('subscriptions.customer_id', '=', customer.id);
          if (before) q = q.where('subscriptions.id', '<', before);
          return q.orderBy('subscriptions.id', 'desc').limit(take).execute();
        },
        toRestSubscription,
      ),
    );
  });

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdateSubscription);
    const merchantId = c.get('merchant').id;
    const subscription = await find(merchantId, c.req.param('id'));
    const bundleId = body.auto_top_up_bundle_id;
    if (typeof bundleId === 'string') {
      const bundle = await db
        .selectFrom('credit_bundles')
        .select('id')
        .where('id', '=', bundleId)
        .where('plan_id', '=', subscription.plan_id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!bundle) {
        throw new ServiceError(
          'not_found',
          `Lava Checkout: auto_top_up_bundle_id names no credit bundle of this subscription's plan (${subscription.plan_id}). Use one of the plan's credit_bundles, or null.`,
          { param: 'auto_top_up_bundle_id' },
        );
      }
    }
    if (bundleId !== undefined) {
      await db
        .updateTable('subscriptions')
        .set({ auto_top_up_bundle_id: bundleId })
        .where('id', '=', subscription.id)
        .execute();
    }
    return c.json({ success: true });
  });

  app.delete('/:id', async (c) => {
    const merchant = c.get('merchant');
    const subscription = await find(merchant.id, c.req.param('id'));
    const at = services.now();
    await db.transaction().execute(async (trx) => {
      const cancelled = await trx
        .updateTable('subscriptions')
        .set({ status: 'cancelled', cancelled_at: at.toISOString() })
        .where('id', '=', subscription.id)
        .where('status', '=', 'active')
        .executeTakeFirst();
      // Cancelling twice succeeds and announces once.
      if (cancelled.numUpdatedRows === 0n) return;
      const customer = await trx
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', subscription.customer_id)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('webhook_events')
        .values(
          webhookEvent('subscription.cancelled', merchant, at, {
            ...toRestCustomer(customer, null),
            subscription_id: subscription.id,
            plan_id: subscription.plan_id,
          }),
        )
        .execute();
    });
    return c.json({ success: true });
  });

  return app;
}
