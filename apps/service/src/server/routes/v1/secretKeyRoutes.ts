import { Hono } from 'hono';
import { z } from 'zod';
import { newSecretKey } from '../../merchants/createMerchant.ts';
import { registerSecretKey } from '../../merchants/registerSecretKey.ts';
import type { Tables } from '../../platform/db/Database.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { displayName, listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

const toRestSecretKey = (row: Tables['secret_keys'], environment: 'test' | 'live') => ({
  secret_key_id: row.id,
  name: row.name ?? 'Secret key',
  secret_key_hint: row.key_hint ?? `aks_${environment}_…`,
  created_at: row.created_at,
});

/**
 * `/v1/secret_keys`: the merchant's secret keys, as the published SDK's `secretKeys` calls them
 * and as the `keys` command manages them. A new key is in the answer of create only; delete
 * stops a key at once, except the merchant's last one, which would lock it out.
 */
export function secretKeyRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  const liveKeys = (merchantId: string) =>
    db
      .selectFrom('secret_keys')
      .selectAll()
      .where('merchant_id', '=', merchantId)
      .where((eb) =>
        eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', services.now().toISOString())]),
      );

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject(listQuery));
    const merchant = c.get('merchant');
    return c.json(
      await listPage(
        query,
        (before, take) => {
          let select = liveKeys(merchant.id);
          if (before) select = select.where('id', '<', before);
          return select.orderBy('id', 'desc').limit(take).execute();
        },
        (row) => toRestSecretKey(row, merchant.environment),
      ),
    );
  });

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, z.strictObject({ name: displayName }));
    const merchant = c.get('merchant');
    const secretKey = newSecretKey(merchant.environment);
    const now = services.now();
    const id = await registerSecretKey(db, merchant, secretKey, now, body.name);
    const row = await db
      .selectFrom('secret_keys')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return c.json({ ...toRestSecretKey(row, merchant.environment), secret_key: secretKey }, 201);
  });

  app.delete('/:id', async (c) => {
    const merchant = c.get('merchant');
    const id = c.req.param('id');
    const keys = await liveKeys(merchant.id).select('id').execute();
    if (!keys.some((key) => key.id === id)) {
      throw new ServiceError(
        'not_found',
        `Lava Checkout: no secret key ${id} in this account. Use a secret_key_id from GET /v1/secret_keys.`,
      );
    }
    if (keys.length === 1) {
      throw new ServiceError(
        'invalid_state',
        'Lava Checkout: this is the last secret key of the account; deleting it would lock you out. Create another (POST /v1/secret_keys) first.',
      );
    }
    await db
      .updateTable('secret_keys')
      .set({ revoked_at: services.now().toISOString() })
      .where('id', '=', id)
      .execute();
    return c.json({ id, deleted: true as const });
  });

  return app;
}
