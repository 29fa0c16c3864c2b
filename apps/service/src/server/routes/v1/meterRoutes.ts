import type { DeletedResponse } from '@lava-checkout/server';
import { Hono } from 'hono';
import { z } from 'zod';
import { createMeter } from '../../catalog/createMeter.ts';
import { deleteMeter } from '../../catalog/deleteMeter.ts';
import { findMeterOrThrow } from '../../catalog/findMeterOrThrow.ts';
import { toRestMeter } from '../../catalog/toRestMeter.ts';
import { updateMeter } from '../../catalog/updateMeter.ts';
import { decimalString, displayName, isMoney } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import { Money } from '../../platform/money/Money.ts';
import type { Services } from '../../Services.ts';
import { listMerchantRows } from './listMerchantRows.ts';
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

/** `/v1/meters`: what usage costs, tier by tier. */
export function meterRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateMeter);
    return c.json(toRestMeter(await createMeter(services, c.get('merchant'), body)), 201);
  });

  app.get('/', async (c) => {
    return c.json(await listMerchantRows(c, db, 'meters', toRestMeter));
  });

  app.get('/:id', async (c) =>
    c.json(toRestMeter(await findMeterOrThrow(db, c.get('merchant').id, c.req.param('id')))),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdateMeter);
    const meter = await updateMeter(services, c.get('merchant').id, c.req.param('id'), body);
    return c.json(toRestMeter(meter));
  });

  app.delete('/:id', async (c) => {
    const meter = await deleteMeter(services, c.get('merchant').id, c.req.param('id'));
    return c.json({ id: meter.id, deleted: true } satisfies DeletedResponse);
  });

  return app;
}
