import { Hono } from 'hono';
import { z } from 'zod';
import { findCreditBundleOrThrow } from '../../catalog/findCreditBundleOrThrow.ts';
import { listCreditBundles } from '../../catalog/listCreditBundles.ts';
import { toRestCreditBundle } from '../../catalog/toRestPlans.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { id, listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** `/v1/credit_bundles`: the credit packs of the merchant's plans (made through the plans). */
export function creditBundleRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject({ ...listQuery, plan_id: id.optional() }));
    const fetch = listCreditBundles(db, c.get('merchant').id, query.plan_id);
    return c.json(await listPage(query, fetch, toRestCreditBundle));
  });

  app.get('/:id', async (c) =>
    c.json(
      toRestCreditBundle(
        await findCreditBundleOrThrow(db, c.get('merchant').id, c.req.param('id')),
      ),
    ),
  );

  return app;
}
