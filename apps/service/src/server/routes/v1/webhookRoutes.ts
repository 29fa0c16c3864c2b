import type { DeletedResponse, RestWebhookCreate } from '@lava-checkout/server';
import { Hono } from 'hono';
import { z } from 'zod';
import { displayName } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import { createWebhook } from '../../webhooks/createWebhook.ts';
import { deleteWebhook } from '../../webhooks/deleteWebhook.ts';
import { endpointUrl } from '../../webhooks/endpointUrl.ts';
import { findWebhookOrThrow } from '../../webhooks/findWebhookOrThrow.ts';
import { toRestWebhook } from '../../webhooks/toRestWebhook.ts';
import { updateWebhook } from '../../webhooks/updateWebhook.ts';
import { listMerchantRows } from './listMerchantRows.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** `/v1/webhooks`: where events are delivered. The signing secret is shown once, at creation. */
export function webhookRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;
  const url = endpointUrl(services.production);

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, z.strictObject({ name: displayName, url }));
    const webhook = await createWebhook(services, c.get('merchant'), body);
    return c.json(
      { ...toRestWebhook(webhook), webhook_secret: webhook.secret } satisfies RestWebhookCreate,
      201,
    );
  });

  app.get('/', async (c) => {
    return c.json(await listMerchantRows(c, db, 'webhooks', toRestWebhook));
  });

  app.get('/:id', async (c) =>
    c.json(toRestWebhook(await findWebhookOrThrow(db, c.get('merchant').id, c.req.param('id')))),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(
      c,
      z.strictObject({ name: displayName.optional(), url: url.optional() }),
    );
    const webhook = await updateWebhook(services, c.get('merchant').id, c.req.param('id'), body);
    return c.json(toRestWebhook(webhook));
  });

  app.delete('/:id', async (c) => {
    const webhook = await deleteWebhook(services, c.get('merchant').id, c.req.param('id'));
    return c.json({ id: webhook.id, deleted: true } satisfies DeletedResponse);
  });

  return app;
}
