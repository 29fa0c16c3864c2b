import { Hono } from 'hono';
import { z } from 'zod';
import { listPage } from '../../platform/http/listPage.ts';
import { id, listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import { cancelSubscription } from '../../subscriptions/cancelSubscription.ts';
import { clearPendingChange } from '../../subscriptions/clearPendingChange.ts';
import { findSubscriptionOrThrow } from '../../subscriptions/findSubscriptionOrThrow.ts';
import { listSubscriptions } from '../../subscriptions/listSubscriptions.ts';
import { toRestSubscription } from '../../subscriptions/loadSubscriptions.ts';
import { scheduleCancellation } from '../../subscriptions/scheduleCancellation.ts';
import { setAutoTopUpBundle } from '../../subscriptions/setAutoTopUpBundle.ts';
import { subscribeToFreePlan } from '../../subscriptions/subscribeToFreePlan.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

const ListSubscriptions = z.strictObject({
  ...listQuery,
  status: z.enum(['active', 'cancelled', 'all']).optional(),
  customer_id: id.optional(),
});
const CreateSubscription = z.strictObject({ customer_id: id, plan_id: id });
const UpdateSubscription = z.strictObject({
  auto_top_up_bundle_id: id.nullable().optional(),
  /** `true`: it ends when its cycle does (a pending `cancellation`); `false`: it renews again. */
  cancel_at_cycle_end: z.boolean().optional(),
});

/**
 * `/v1/subscriptions`: who is on which plan. Paid plans start through checkout; a $0 plan (the
 * Free plan every merchant has) starts here.
 */
export function subscriptionRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, ListSubscriptions);
    const fetch = await listSubscriptions(db, c.get('merchant').id, query);
    return c.json(await listPage(query, fetch, toRestSubscription));
  });

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateSubscription);
    return c.json(await subscribeToFreePlan(services, c.get('merchant'), body));
  });

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdateSubscription);
    const merchantId = c.get('merchant').id;
    const subscriptionId = c.req.param('id');
    await setAutoTopUpBundle(services, merchantId, subscriptionId, body.auto_top_up_bundle_id);
    if (body.cancel_at_cycle_end === true) {
      await scheduleCancellation(services, { merchantId, subscriptionId });
    } else if (body.cancel_at_cycle_end === false) {
      await clearPendingChange(services, { merchantId, subscriptionId });
    }
    return c.json({ success: true });
  });

  // At once, whatever is pending; `cancel_at_cycle_end` (PATCH) ends it with its cycle.
  app.delete('/:id', async (c) => {
    const merchant = c.get('merchant');
    const subscription = await findSubscriptionOrThrow(db, merchant.id, c.req.param('id'));
    // Cancelling twice succeeds and announces once.
    await cancelSubscription(db, {
      merchant,
      customerId: subscription.customer_id,
      which: { subscriptionId: subscription.id },
      at: services.now(),
    });
    return c.json({ success: true });
  });

  return app;
}
