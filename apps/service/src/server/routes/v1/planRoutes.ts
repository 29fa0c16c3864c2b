import { BILLING_INTERVALS } from '@lava-checkout/protocol';
import type { DeletedResponse } from '@lava-checkout/server';
import { Hono } from 'hono';
import { z } from 'zod';
import { createPlan } from '../../catalog/createPlan.ts';
import { deletePlan } from '../../catalog/deletePlan.ts';
import { findPlanOrThrow } from '../../catalog/findPlanOrThrow.ts';
import { toRestPlan, toRestPlans } from '../../catalog/toRestPlans.ts';
import { updatePlan } from '../../catalog/updatePlan.ts';
import { displayName, id, isMoney, money } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import { Money } from '../../platform/money/Money.ts';
import type { Services } from '../../Services.ts';
import { listMerchantRows } from './listMerchantRows.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** A plan charges at most this per cycle. */
const MAX_PERIOD_AMOUNT = '10000';

const rollover = z.enum(['full', 'none']);
const Bundle = z.strictObject({ name: displayName, cost: money, credit_amount: money });
const meterIds = z
  .array(id)
  .max(50, 'at most 50 meters')
  .refine((ids) => new Set(ids).size === ids.length, 'a meter is listed twice');

const CreatePlan = z
  .strictObject({
    name: displayName,
    period_amount: money.refine(
      (value) => isMoney(value) && new Money(value).lte(MAX_PERIOD_AMOUNT),
      `at most ${MAX_PERIOD_AMOUNT} per cycle`,
    ),
    billing_interval: z.enum(BILLING_INTERVALS),
    rollover_type: rollover.optional(),
    bundle_rollover_type: rollover.optional(),
    included_credit: money.optional(),
    default_auto_top_up_bundle_index: z.number().int().min(0).nullable().optional(),
    meter_ids: meterIds.optional(),
    credit_bundles: z.array(Bundle).max(10, 'at most 10 bundles').optional(),
  })
  .superRefine((plan, ctx) => {
    if (
      isMoney(plan.included_credit) &&
      isMoney(plan.period_amount) &&
      new Money(plan.included_credit).gt(plan.period_amount)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['included_credit'],
        message: 'it cannot be more than period_amount',
      });
    }
    const index = plan.default_auto_top_up_bundle_index;
    if (typeof index === 'number' && index >= (plan.credit_bundles?.length ?? 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['default_auto_top_up_bundle_index'],
        message: 'it is not the index of one of credit_bundles',
      });
    }
  });

const fixedAtCreation = z
  .unknown()
  .refine(() => false, 'it cannot change once the plan exists; create a new plan')
  .optional();

const UpdatePlan = z.strictObject({
  name: displayName.optional(),
  rollover_type: rollover.optional(),
  bundle_rollover_type: rollover.optional(),
  included_credit: money.optional(),
  default_auto_top_up_bundle_id: id.nullable().optional(),
  meter_ids: meterIds.optional(),
  credit_bundles: z
    .array(Bundle.extend({ credit_bundle_id: id.optional(), is_deleted: z.boolean().optional() }))
    .max(20, 'at most 20 bundles')
    .optional(),
  period_amount: fixedAtCreation,
  billing_interval: fixedAtCreation,
});

/** `/v1/plans`: what a subscription costs, what credit it includes, which meters draw on it. */
export function planRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreatePlan);
    const plan = await createPlan(services, c.get('merchant'), body);
    return c.json(await toRestPlan(db, plan), 201);
  });

  app.get('/', async (c) => {
    const page = await listMerchantRows(c, db, 'plans', (plan) => plan);
    return c.json({ ...page, data: await toRestPlans(db, page.data) });
  });

  app.get('/:id', async (c) =>
    c.json(
      await toRestPlan(db, await findPlanOrThrow(db, c.get('merchant').id, c.req.param('id'))),
    ),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdatePlan);
    const plan = await updatePlan(services, c.get('merchant'), c.req.param('id'), body);
    return c.json(await toRestPlan(db, plan));
  });

  app.delete('/:id', async (c) => {
    const plan = await deletePlan(services, c.get('merchant').id, c.req.param('id'));
    return c.json({ id: plan.id, deleted: true } satisfies DeletedResponse);
  });

  return app;
}
