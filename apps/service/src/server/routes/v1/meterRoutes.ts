import { Hono } from 'hono';
import { z } from 'zod';
import { toRestMeter } from '../../catalog/toRestMeter.ts';
import { createId } from '../../platform/createId.ts';
import type { Db } from '../../platform/db/Database.ts';
import { lockSubjects } from '../../platform/db/lockSubjects.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { liveRowsOf } from '../../platform/http/liveRowsOf.ts';
import {
  decimalString,
  displayName,
  isMoney,
  listQuery,
} from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { Money } from '../../platform/money/Money.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

const Tiers = z
  .array(z.strictObject({ start: decimalString('0'), rate: decimalString('3.00') }))
  .min(1, 'a meter needs at least one tier')
  .max(20, 'at most 20 tiers')
  .superRefine((tiers, ctx) => {
    const first = tiers[0]?.start;
    if (isMoney(first) && !new Money(first).isZero()) {
      ctx.addIssue({ code: 'custom', path: [0, 'start'], message: 'the first tier starts at "0"' });
    }
    for (let i = 1; i < tiers.length; i++) {
      const previous = tiers[i - 1]?.start;
      const start = tiers[i]?.start;
      if (isMoney(previous) && isMoney(start) && !new Money(start).gt(previous)) {
        ctx.addIssue({ code: 'custom', path: [i, 'start'], message: 'tier starts must go up' });
      }
    }
  });

const CreateMeter = z.strictObject({
  name: displayName,
  meter_slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected 1 to 64 lowercase letters, digits, - or _')
    .optional(),
  rate_type: z.enum(['fixed', 'percentage']),
  tier_type: z.enum(['tokens_1m', 'characters_1m', 'minutes', 'requests']),
  tiers: Tiers,
});

const UpdateMeter = z.strictObject({ name: displayName.optional(), tiers: Tiers.optional() });

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56) || 'meter';

/** Finds a merchant's meter, or answers 404: another merchant's meters do not exist here. */
export async function findMeter(db: Db, merchantId: string, id: string) {
  const meter = await db
    .selectFrom('meters')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!meter) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no meter ${id} in this account. Use a meter_id that POST /v1/meters returned.`,
    );
  }
  return meter;
}

/** `/v1/meters`: what usage costs, tier by tier. */
export function meterRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateMeter);
    const merchant = c.get('merchant');
    const meter = await db.transaction().execute(async (trx) => {
      await lockSubjects(trx, services.dialect, [`meter-slug:${merchant.id}`]);
      const taken = new Set(
        (
          await trx
            .selectFrom('meters')
            .select('slug')
            .where('merchant_id', '=', merchant.id)
            .where('slug', 'like', `${body.meter_slug ?? slugOf(body.name)}%`)
            .execute()
        ).map((row) => row.slug),
      );
      let slug = body.meter_slug ?? slugOf(body.name);
      if (body.meter_slug !== undefined && taken.has(slug)) {
        throw new ServiceError(
          'already_exists',
          `Lava Checkout: another meter of this account has the meter_slug "${slug}". Choose another slug, or leave it out to have one made from the name.`,
          { param: 'meter_slug' },
        );
      }
      for (let n = 2; taken.has(slug); n++) slug = `${slugOf(body.name)}-${n}`;
      const row = {
        id: createId('prd', merchant.environment),
        merchant_id: merchant.id,
        name: body.name,
        slug,
        rate_type: body.rate_type,
        tier_type: body.tier_type,
        tiers: JSON.stringify(body.tiers),
        created_at: services.now().toISOString(),
        deleted_at: null,
      };
      await trx.insertInto('meters').values(row).execute();
      return row;
    });
    return c.json(toRestMeter(meter), 201);
  });

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject(listQuery));
    const merchantId = c.get('merchant').id;
    return c.json(await listPage(query, liveRowsOf(db, 'meters', merchantId), toRestMeter));
  });

  app.get('/:id', async (c) =>
    c.json(toRestMeter(await findMeter(db, c.get('merchant').id, c.req.param('id')))),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdateMeter);
    const meter = await findMeter(db, c.get('merchant').id, c.req.param('id'));
    const changes = {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.tiers !== undefined ? { tiers: JSON.stringify(body.tiers) } : {}),
    };
    if (Object.keys(changes).length > 0) {
      await db.updateTable('meters').set(changes).where('id', '=', meter.id).execute();
    }
    return c.json(toRestMeter({ ...meter, ...changes }));
  });

  app.delete('/:id', async (c) => {
    const meter = await findMeter(db, c.get('merchant').id, c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      // The slug is freed for a new meter; recorded usage keeps pointing at this one.
      await trx
        .updateTable('meters')
        .set({ deleted_at: services.now().toISOString(), slug: `deleted:${meter.id}` })
        .where('id', '=', meter.id)
        .execute();
      await trx.deleteFrom('plan_meters').where('meter_id', '=', meter.id).execute();
    });
    return c.json({ id: meter.id, deleted: true as const });
  });

  return app;
}
