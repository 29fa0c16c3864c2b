import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { createId } from '../../platform/createId.ts';
import type { Tables } from '../../platform/db/Database.ts';
import { lockSubjects } from '../../platform/db/lockSubjects.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { liveRowsOf } from '../../platform/http/liveRowsOf.ts';
import { displayName, listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import { checkEndpointHost, endpointUrl } from '../../webhooks/endpointUrl.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** The spec: at most 3 endpoints per merchant. */
export const MAX_WEBHOOKS = 3;

const toRestWebhook = (webhook: Tables['webhooks']) => ({
  webhook_id: webhook.id,
  name: webhook.name,
  url: webhook.url,
  created_at: webhook.created_at,
});

/** `/v1/webhooks`: where events are delivered. The signing secret is shown once, at creation. */
export function webhookRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;
  const url = endpointUrl(services.production);
  const hosts = { allowLoopback: !services.production, resolve: services.resolveHost };

  const find = async (merchantId: string, webhookId: string) => {
    const webhook = await db
      .selectFrom('webhooks')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where('id', '=', webhookId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!webhook) {
      throw new ServiceError(
        'not_found',
        `Lava Checkout: no webhook ${webhookId} in this account. Use a webhook_id from GET /v1/webhooks.`,
      );
    }
    return webhook;
  };

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, z.strictObject({ name: displayName, url }));
    await checkEndpointHost(body.url, hosts);
    const merchant = c.get('merchant');
    const webhook: Tables['webhooks'] = {
      id: createId('wh', merchant.environment),
      merchant_id: merchant.id,
      name: body.name,
      url: body.url,
      secret: `whsec_${randomBytes(32).toString('base64url')}`,
      created_at: services.now().toISOString(),
      deleted_at: null,
    };
    await db.transaction().execute(async (trx) => {
      await lockSubjects(trx, services.dialect, [`webhooks:${merchant.id}`]);
      const live = await trx
        .selectFrom('webhooks')
        .select('id')
        .where('merchant_id', '=', merchant.id)
        .where('deleted_at', 'is', null)
        .execute();
      if (live.length >= MAX_WEBHOOKS) {
        throw new ServiceError(
          'too_many_webhooks',
          `Lava Checkout: this account already has ${MAX_WEBHOOKS} webhook endpoints, the most it may have. Delete one (DELETE /v1/webhooks/:id) first.`,
        );
      }
      await trx.insertInto('webhooks').values(webhook).execute();
    });
    return c.json({ ...toRestWebhook(webhook), webhook_secret: webhook.secret }, 201);
  });

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject(listQuery));
    const merchantId = c.get('merchant').id;
    return c.json(await listPage(query, liveRowsOf(db, 'webhooks', merchantId), toRestWebhook));
  });

  app.get('/:id', async (c) =>
    c.json(toRestWebhook(await find(c.get('merchant').id, c.req.param('id')))),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(
      c,
      z.strictObject({ name: displayName.optional(), url: url.optional() }),
    );
    const webhook = await find(c.get('merchant').id, c.req.param('id'));
    if (body.url !== undefined) await checkEndpointHost(body.url, hosts);
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.url !== undefined ? { url: body.url } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await db.updateTable('webhooks').set(changes).where('id', '=', webhook.id).execute();
    }
    return c.json(toRestWebhook({ ...webhook, ...changes }));
  });

  app.delete('/:id', async (c) => {
    const webhook = await find(c.get('merchant').id, c.req.param('id'));
    await db
      .updateTable('webhooks')
      .set({ deleted_at: services.now().toISOString() })
      .where('id', '=', webhook.id)
      .execute();
    return c.json({ id: webhook.id, deleted: true as const });
  });

  return app;
}
