import { Hono } from 'hono';
import { z } from 'zod';
import { toRestCreditBundle } from '../../catalog/toRestPlans.ts';
import type { Db } from '../../platform/db/Database.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { id, listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** Finds a live credit bundle of a merchant's live plan, or answers 404. */
export async function findCreditBundle(
  db: Db,
  merchantId: string,
  bundleId: string,
  param?: string,
) {
  const bundle = await db
    .selectFrom('credit_bundles')
    .innerJoin('plans', 'plans.id', 'credit_bundles.plan_id')
    .selectAll('credit_bundles')
    .where('plans.merchant_id', '=', merchantId)
    .where('plans.deleted_at', 'is', null)
    .where('credit_bundles.id', '=', bundleId)
    .where('credit_bundles.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!bundle) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no credit bundle ${bundleId} in this account. Use a credit_bundle_id from GET /v1/credit_bundles or a plan's credit_bundles.`,
      param ? { param } : {},
    );
  }
  return bundle;
}

/** `/v1/credit_bundles`: the credit packs of the merchant's plans (made through the plans). */
export function creditBundleRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject({ ...listQuery, plan_id: id.optional() }));
    const merchantId = c.get('merchant').id;
    return c.json(
      await listPage(
        query,
        (before, take) => {
          let q = db
            .selectFrom('credit_bundles')
            .innerJoin('plans', 'plans.id', 'credit_bundles.plan_id')
            .selectAll('credit_bundles')
            .where('plans.merchant_id', '=', merchantId)
            .where('plans.deleted_at', 'is', null)
            .where('credit_bundles.deleted_at', 'is', null);
          if (query.plan_id) q = q.where('credit_bundles.plan_id', '=', query.plan_id);
          if (before) q = q.where('credit_bundles.id', '<', before);
          return q.orderBy('credit_bundles.id', 'desc').limit(take).execute();
        },
        toRestCreditBundle,
      ),
    );
  });

  app.get('/:id', async (c) =>
    c.json(toRestCreditBundle(await findCreditBundle(db, c.get('merchant').id, c.req.param('id')))),
  );

  return app;
}
