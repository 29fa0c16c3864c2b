import { Hono } from 'hono';
import { z } from 'zod';
import { readAutoTopUpCap } from '../../credits/readAutoTopUpCap.ts';
import { checkBrand } from '../../merchants/checkBrand.ts';
import { toRestMerchant } from '../../merchants/toRestMerchant.ts';
import { updateBrand } from '../../merchants/updateBrand.ts';
import type { Db } from '../../platform/db/Database.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

const readMerchant = (db: Db, merchantId: string) =>
  db.selectFrom('merchants').selectAll().where('id', '=', merchantId).executeTakeFirstOrThrow();

/**
 * `/v1/merchant`: the account the secret key belongs to, and its brand: the name, logo,
 * support address and terms and privacy links its checkout shows; and how many auto top-ups
 * one subscription may buy in a cycle (`auto_top_ups_per_cycle`).
 */
export function merchantRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.get('/', async (c) => c.json(toRestMerchant(await readMerchant(db, c.get('merchant').id))));

  app.patch('/', async (c) => {
    const merchant = c.get('merchant');
    const { cap, rest } = readAutoTopUpCap(await readMerchantBody(c, z.unknown()));
    const checked = checkBrand(rest, merchant.environment);
    if (!checked.ok) {
      throw new ServiceError('invalid_request', checked.message, { param: checked.param });
    }
    await updateBrand(db, merchant.id, checked.change);
    if (cap !== undefined) {
      await db
        .updateTable('merchants')
        .set({ auto_top_ups_per_cycle: cap })
        .where('id', '=', merchant.id)
        .execute();
    }
    // Checkouts opened from now on show the new brand (other processes within 30 seconds).
    services.catalog.forget(merchant.id);
    return c.json(toRestMerchant(await readMerchant(db, merchant.id)));
  });

  return app;
}
