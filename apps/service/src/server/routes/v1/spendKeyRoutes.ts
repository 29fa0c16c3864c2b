import { Hono } from 'hono';
import { z } from 'zod';
import { liveMeterBySlug } from '../../catalog/liveMeterBySlug.ts';
import { findCustomerOrThrow } from '../../customers/findCustomerOrThrow.ts';
import type { Db } from '../../platform/db/Database.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { displayName, listQuery, money } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { orNotFound } from '../../platform/orNotFound.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import { createSpendKey, settingsColumns } from '../../spendKeys/createSpendKey.ts';
import { liveSpendKeys } from '../../spendKeys/liveSpendKeys.ts';
import { rotateSpendKey } from '../../spendKeys/rotateSpendKey.ts';
import { toRestSpendKey } from '../../spendKeys/toRestSpendKey.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

const cycle = z.enum(['daily', 'weekly', 'monthly', 'total']);
const names = z.array(z.string().min(1).max(255)).max(100).nullable();
const wholeNumber = (max: number) => z.number().int().min(1).max(max);

/** The settings a spend key takes, at creation (with `name`) and on update (all optional). */
const settings = {
  status: z.enum(['active', 'paused']).optional(),
  request_shape: z.enum(['openai', 'anthropic']).optional(),
  allowed_models: names.optional(),
  allowed_providers: names.optional(),
  spend_limit: z.strictObject({ amount: money, cycle }).nullable().optional(),
  request_limit: z
    .strictObject({ count: wholeNumber(1_000_000_000), cycle })
    .nullable()
    .optional(),
  rate_limit: z
    .strictObject({ rpm: wholeNumber(1_000_000), burst: wholeNumber(1_000_000).nullish() })
    .nullable()
    .optional(),
  expires_at: z.iso.datetime({ offset: true }).nullable().optional(),
};

async function findMeterBySlug(db: Db, merchantId: string, slug: string): Promise<string> {
  return orNotFound(
    (await liveMeterBySlug(db, { merchant_id: merchantId, slug })).rows[0],
    `Lava Checkout: no meter ${slug} in this account. Pass the meter_slug of one of your meters (GET /v1/meters).`,
    'meter_slug',
  ).id;
}

/**
 * `/v1/spend_keys`: gateway keys for agents, as the published SDK's `spendKeys` calls them.
 * Besides the SDK's fields, creation takes `customer_id` and `meter_slug` (both or neither) to
 * let the key spend a customer's plan credits. The key is in the answer of create and rotate
 * only; revoke and rotate stop the old key at once.
 */
export function spendKeyRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  const find = async (merchantId: string, id: string) =>
    orNotFound(
      await liveSpendKeys(db, merchantId).where('id', '=', id).executeTakeFirst(),
      `Lava Checkout: no spend key ${id} in this account. Use a spend_key_id from GET /v1/spend_keys.`,
    );

  app.post('/', async (c) => {
    const body = await readMerchantBody(
      c,
      z.strictObject({
        name: displayName,
        ...settings,
        customer_id: z.string().min(1).max(255).optional(),
        meter_slug: z.string().min(1).max(64).optional(),
      }),
    );
    const merchant = c.get('merchant');
    if ((body.customer_id === undefined) !== (body.meter_slug === undefined)) {
      throw new ServiceError(
        'invalid_request',
        'Lava Checkout: customer_id and meter_slug go together: the customer pays through that meter. Pass both, or neither to bill the merchant.',
        { param: body.customer_id === undefined ? 'customer_id' : 'meter_slug' },
      );
    }
    const customerId =
      body.customer_id === undefined
        ? null
        : (await findCustomerOrThrow(db, merchant.id, body.customer_id, 'customer_id')).id;
    const meterId =
      body.meter_slug === undefined
        ? null
        : await findMeterBySlug(db, merchant.id, body.meter_slug);
    const { customer_id: _c, meter_slug: _m, ...keySettings } = body;
    const { row, key } = await createSpendKey(
      db,
      { merchantId: merchant.id, environment: merchant.environment, customerId, meterId },
      keySettings,
      services.now(),
    );
    return c.json({ ...toRestSpendKey(row, services.now()), key }, 201);
  });

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject(listQuery));
    const merchantId = c.get('merchant').id;
    return c.json(
      await listPage(
        query,
        (before, take) => {
          let select = liveSpendKeys(db, merchantId);
          if (before) select = select.where('id', '<', before);
          return select.orderBy('id', 'desc').limit(take).execute();
        },
        (row) => toRestSpendKey(row, services.now()),
      ),
    );
  });

  app.get('/:id', async (c) =>
    c.json(toRestSpendKey(await find(c.get('merchant').id, c.req.param('id')), services.now())),
  );

  app.put('/:id', async (c) => {
    const body = await readMerchantBody(
      c,
      z.strictObject({ name: displayName.optional(), ...settings }),
    );
    const row = await find(c.get('merchant').id, c.req.param('id'));
    const changes = settingsColumns(body);
    if (Object.keys(changes).length > 0) {
      await db
        .updateTable('spend_keys')
        .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
        .where('id', '=', row.id)
        .execute();
    }
    return c.json(toRestSpendKey({ ...row, ...changes }, services.now()));
  });

  app.delete('/:id', async (c) => {
    const row = await find(c.get('merchant').id, c.req.param('id'));
    await db
      .updateTable('spend_keys')
      .set((eb) => ({ revoked_at: services.now().toISOString(), version: eb('version', '+', 1) }))
      .where('id', '=', row.id)
      .execute();
    return c.json({ success: true });
  });

  app.post('/:id/rotate', async (c) => {
    const merchant = c.get('merchant');
    const old = await find(merchant.id, c.req.param('id'));
    const { row, key } = await rotateSpendKey(db, old, merchant.environment);
    return c.json({ ...toRestSpendKey(row, services.now()), key });
  });

  return app;
}
