import { Hono } from 'hono';
import { z } from 'zod';
import { toRestPlan, toRestPlans } from '../../catalog/toRestPlans.ts';
import { createId } from '../../platform/createId.ts';
import type { Db } from '../../platform/db/Database.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { liveRowsOf } from '../../platform/http/liveRowsOf.ts';
import { displayName, id, isMoney, listQuery, money } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { formatMoney, Money } from '../../platform/money/Money.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** DESIGN: a plan charges at most this per cycle. */
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
    billing_interval: z.enum(['day', 'week', 'month', 'year']),
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

/** Finds a merchant's plan, or answers 404: another merchant's plans do not exist here. */
export async function findPlan(db: Db, merchantId: string, planId: string, param?: string) {
  const plan = await db
    .selectFrom('plans')
    .selectAll()
    .where('merchant_id', '=', merchantId)
    .where('id', '=', planId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!plan) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no plan ${planId} in this account. Use a plan_id that POST /v1/plans returned.`,
      param ? { param } : {},
    );
  }
  return plan;
}

/** Checks that every meter id names one of the merchant's meters. */
async function checkMeters(db: Db, merchantId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = new Set(
    (
      await db
        .selectFrom('meters')
        .select('id')
        .where('merchant_id', '=', merchantId)
        .where('id', 'in', ids)
        .where('deleted_at', 'is', null)
        .execute()
    ).map((row) => row.id),
  );
  const missing = ids.findIndex((meterId) => !found.has(meterId));
  if (missing >= 0) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: meter_ids.${missing} names no meter of this account (${ids[missing]}). Use meter_ids that POST /v1/meters returned.`,
      { param: `meter_ids.${missing}` },
    );
  }
}

/** `/v1/plans`: what a subscription costs, what credit it includes, which meters draw on it. */
export function planRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreatePlan);
    const merchant = c.get('merchant');
    await checkMeters(db, merchant.id, body.meter_ids ?? []);
    const at = services.now().toISOString();
    // Ids made in one millisecond sort at random: hand them out sorted, so that listing bundles
    // by id gives them in the order they were sent.
    const bundleIds = (body.credit_bundles ?? [])
      .map(() => createId('cb', merchant.environment))
      .sort();
    const bundles = (body.credit_bundles ?? []).map((bundle, index) => ({
      id: bundleIds[index] ?? createId('cb', merchant.environment),
      name: bundle.name,
      cost: formatMoney(bundle.cost),
      credit_amount: formatMoney(bundle.credit_amount),
      created_at: at,
      deleted_at: null,
    }));
    const index = body.default_auto_top_up_bundle_index;
    const plan = {
      id: createId('sc', merchant.environment),
      merchant_id: merchant.id,
      name: body.name,
      period_amount: formatMoney(body.period_amount),
      billing_interval: body.billing_interval,
      included_credit: formatMoney(body.included_credit ?? body.period_amount),
      rollover_type: body.rollover_type ?? 'none',
      bundle_rollover_type: body.bundle_rollover_type ?? 'full',
      default_auto_top_up_bundle_id:
        typeof index === 'number' ? (bundles[index]?.id ?? null) : null,
      created_at: at,
      deleted_at: null,
    } as const;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('plans').values(plan).execute();
      if (body.meter_ids?.length) {
        await trx
          .insertInto('plan_meters')
          .values(body.meter_ids.map((meterId) => ({ plan_id: plan.id, meter_id: meterId })))
          .execute();
      }
      if (bundles.length > 0) {
        await trx
          .insertInto('credit_bundles')
          .values(bundles.map((bundle) => ({ ...bundle, plan_id: plan.id })))
          .execute();
      }
    });
    return c.json(await toRestPlan(db, plan), 201);
  });

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject(listQuery));
    const merchantId = c.get('merchant').id;
    const page = await listPage(query, liveRowsOf(db, 'plans', merchantId), (plan) => plan);
    return c.json({ ...page, data: await toRestPlans(db, page.data) });
  });

  app.get('/:id', async (c) =>
    c.json(await toRestPlan(db, await findPlan(db, c.get('merchant').id, c.req.param('id')))),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdatePlan);
    const merchant = c.get('merchant');
    const plan = await findPlan(db, merchant.id, c.req.param('id'));
    if (body.meter_ids) await checkMeters(db, merchant.id, body.meter_ids);
    const included = body.included_credit;
    if (included !== undefined && new Money(included).gt(plan.period_amount)) {
      throw new ServiceError(
        'invalid_request',
        `Lava Checkout: included_credit is invalid: it cannot be more than the plan's period_amount (${plan.period_amount}). Lower it.`,
        { param: 'included_credit' },
      );
    }
    const at = services.now().toISOString();
    await db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('credit_bundles')
        .select('id')
        .where('plan_id', '=', plan.id)
        .where('deleted_at', 'is', null)
        .execute();
      const live = new Set(existing.map((row) => row.id));
      for (const [index, bundle] of (body.credit_bundles ?? []).entries()) {
        const values = {
          name: bundle.name,
          cost: formatMoney(bundle.cost),
          credit_amount: formatMoney(bundle.credit_amount),
        };
        if (bundle.credit_bundle_id === undefined) {
          if (bundle.is_deleted) continue;
          const bundleId = createId('cb', merchant.environment);
          await trx
            .insertInto('credit_bundles')
            .values({ id: bundleId, plan_id: plan.id, ...values, created_at: at, deleted_at: null })
            .execute();
          live.add(bundleId);
        } else if (!live.has(bundle.credit_bundle_id)) {
          throw new ServiceError(
            'not_found',
            `Lava Checkout: credit_bundles.${index}.credit_bundle_id names no bundle of this plan. Leave it out to add a bundle.`,
            { param: `credit_bundles.${index}.credit_bundle_id` },
          );
        } else if (bundle.is_deleted) {
          await trx
            .updateTable('credit_bundles')
            .set({ deleted_at: at })
            .where('id', '=', bundle.credit_bundle_id)
            .execute();
          live.delete(bundle.credit_bundle_id);
        } else {
          await trx
            .updateTable('credit_bundles')
            .set(values)
            .where('id', '=', bundle.credit_bundle_id)
            .execute();
        }
      }
      const topUp = body.default_auto_top_up_bundle_id;
      if (typeof topUp === 'string' && !live.has(topUp)) {
        throw new ServiceError(
          'not_found',
          'Lava Checkout: default_auto_top_up_bundle_id names no bundle of this plan. Use a credit_bundle_id of this plan, or null.',
          { param: 'default_auto_top_up_bundle_id' },
        );
      }
      const changes = {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.rollover_type !== undefined ? { rollover_type: body.rollover_type } : {}),
        ...(body.bundle_rollover_type !== undefined
          ? { bundle_rollover_type: body.bundle_rollover_type }
          : {}),
        ...(included !== undefined ? { included_credit: formatMoney(included) } : {}),
        ...(topUp !== undefined ? { default_auto_top_up_bundle_id: topUp } : {}),
      };
      if (Object.keys(changes).length > 0) {
        await trx.updateTable('plans').set(changes).where('id', '=', plan.id).execute();
      }
      if (body.meter_ids) {
        await trx.deleteFrom('plan_meters').where('plan_id', '=', plan.id).execute();
        if (body.meter_ids.length > 0) {
          await trx
            .insertInto('plan_meters')
            .values(body.meter_ids.map((meterId) => ({ plan_id: plan.id, meter_id: meterId })))
            .execute();
        }
      }
    });
    return c.json(await toRestPlan(db, await findPlan(db, merchant.id, plan.id)));
  });

  app.delete('/:id', async (c) => {
    const plan = await findPlan(db, c.get('merchant').id, c.req.param('id'));
    const subscribed = await db
      .selectFrom('subscriptions')
      .select('id')
      .where('plan_id', '=', plan.id)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (subscribed) {
      throw new ServiceError(
        'invalid_state',
        `Lava Checkout: plan ${plan.id} has active subscriptions. Cancel them (DELETE /v1/subscriptions/:id) before deleting the plan.`,
      );
    }
    await db
      .updateTable('plans')
      .set({ deleted_at: services.now().toISOString() })
      .where('id', '=', plan.id)
      .execute();
    return c.json({ id: plan.id, deleted: true as const });
  });

  return app;
}
