import { Hono } from 'hono';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { activeSubscriptions } from '../../customers/activeSubscriptions.ts';
import { findCustomerOrThrow } from '../../customers/findCustomerOrThrow.ts';
import { toRestCustomer } from '../../customers/toRestCustomer.ts';
import type { AuthenticatedMerchant } from '../../merchants/authenticateMerchant.ts';
import { createId } from '../../platform/createId.ts';
import type { Db, Tables } from '../../platform/db/Database.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { liveRowsOf } from '../../platform/http/liveRowsOf.ts';
import { displayName, listQuery } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import {
  subscriptionsQuery,
  toRestSubscriptionBase,
} from '../../subscriptions/loadSubscriptions.ts';
import { webhookEvent } from '../../webhooks/webhookEvent.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** The spec's limit on a customer's metadata, as JSON. */
const METADATA_LIMIT = 16 * 1024;

const referenceId = z
  .string()
  .min(1, 'expected 1 to 255 characters')
  .max(255, 'expected 1 to 255 characters')
  .refine(
    (value) => !value.startsWith('con_'),
    'it must not start with con_, which customer ids use',
  );
const phone = z
  .string()
  .max(32)
  .transform((value, ctx) => {
    const parsed = value.trim().startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
    if (!parsed?.isValid()) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a phone number with its country code, like +1 415 555 0100',
      });
      return z.NEVER;
    }
    return parsed.number;
  });
const metadata = z
  .record(z.string(), z.unknown())
  .refine((value) => JSON.stringify(value).length <= METADATA_LIMIT, 'at most 16 KB as JSON');
const email = z.email('expected an email address').max(255);

const CreateCustomer = z.strictObject({
  reference_id: referenceId.optional(),
  email: email.optional(),
  phone: phone.optional(),
  name: displayName.optional(),
  metadata: metadata.optional(),
});
const UpdateCustomer = z.strictObject({
  reference_id: referenceId.nullable().optional(),
  email: email.nullable().optional(),
  phone: phone.nullable().optional(),
  name: displayName.nullable().optional(),
  metadata: metadata.nullable().optional(),
});

async function refuseTaken(
  db: Db,
  merchantId: string,
  field: 'phone' | 'reference_id',
  value: string,
  except?: string,
) {
  let q = db
    .selectFrom('customers')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where(field, '=', value)
    .where('deleted_at', 'is', null);
  if (except) q = q.where('id', '!=', except);
  if (await q.executeTakeFirst()) {
    throw new ServiceError(
      'already_exists',
      `Lava Checkout: another customer of this account has this ${field}. Look that customer up instead (GET /v1/customers/:id), or use another ${field}.`,
      { param: field },
    );
  }
}

/**
 * Cancels a customer's active subscriptions in `trx`, returning the events that announce it.
 * Used when a customer is deleted.
 */
async function cancelAll(
  trx: Db,
  merchant: AuthenticatedMerchant,
  customer: Tables['customers'],
  at: Date,
): Promise<Tables['webhook_events'][]> {
  const cancelled = await trx
    .updateTable('subscriptions')
    .set({ status: 'cancelled', cancelled_at: at.toISOString() })
    .where('customer_id', '=', customer.id)
    .where('status', '=', 'active')
    .returning(['id', 'plan_id'])
    .execute();
  return cancelled.map((subscription) =>
    webhookEvent('subscription.cancelled', merchant, at, {
      ...toRestCustomer(customer, null),
      subscription_id: subscription.id,
      plan_id: subscription.plan_id,
    }),
  );
}

/** `/v1/customers`: the merchant's customers, made by checkout or by the merchant. */
export function customerRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  const present = async (customer: Tables['customers']) => {
    const subscription = (await activeSubscriptions(db, [customer.id])).get(customer.id);
    return toRestCustomer(customer, subscription ?? null);
  };

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateCustomer);
    const merchant = c.get('merchant');
    if (body.reference_id !== undefined) {
      const existing = await db
        .selectFrom('customers')
        .selectAll()
        .where('merchant_id', '=', merchant.id)
        .where('reference_id', '=', body.reference_id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      // Idempotent on reference_id: the customer made the first time.
      if (existing) return c.json(await present(existing), 200);
    }
    if (body.phone !== undefined) await refuseTaken(db, merchant.id, 'phone', body.phone);
    const at = services.now();
    const id = createId('con', merchant.environment);
    const customer: Tables['customers'] = {
      id,
      merchant_id: merchant.id,
      phone: body.phone ?? null,
      created_at: at.toISOString(),
      reference_id: body.reference_id ?? null,
      email: body.email ?? null,
      name: body.name ?? null,
      metadata: body.metadata ? JSON.stringify(body.metadata) : null,
      deleted_at: null,
    };
    try {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('customers').values(customer).execute();
        await trx
          .insertInto('webhook_events')
          .values(webhookEvent('customer.created', merchant, at, toRestCustomer(customer, null)))
          .execute();
      });
    } catch (error) {
      // Another request made the same reference id or phone meanwhile.
      if (body.reference_id !== undefined) {
        await refuseTaken(db, merchant.id, 'reference_id', body.reference_id);
      }
      if (body.phone !== undefined) await refuseTaken(db, merchant.id, 'phone', body.phone);
      throw error;
    }
    return c.json(toRestCustomer(customer, null), 201);
  });

  app.get('/', async (c) => {
    const query = readMerchantQuery(c, z.strictObject(listQuery));
    const merchantId = c.get('merchant').id;
    const page = await listPage(
      query,
      liveRowsOf(db, 'customers', merchantId),
      (customer) => customer,
    );
    const subscriptions = await activeSubscriptions(
      db,
      page.data.map((customer) => customer.id),
    );
    return c.json({
      ...page,
      data: page.data.map((customer) =>
        toRestCustomer(customer, subscriptions.get(customer.id) ?? null),
      ),
    });
  });

  app.get('/:id', async (c) =>
    c.json(await present(await findCustomerOrThrow(db, c.get('merchant').id, c.req.param('id')))),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdateCustomer);
    const merchantId = c.get('merchant').id;
    const customer = await findCustomerOrThrow(db, merchantId, c.req.param('id'));
    if (typeof body.reference_id === 'string') {
      await refuseTaken(db, merchantId, 'reference_id', body.reference_id, customer.id);
    }
    if (typeof body.phone === 'string') {
      await refuseTaken(db, merchantId, 'phone', body.phone, customer.id);
    }
    const changes: Partial<Tables['customers']> = {};
    if (body.reference_id !== undefined) changes.reference_id = body.reference_id;
    if (body.email !== undefined) changes.email = body.email;
    if (body.name !== undefined) changes.name = body.name;
    if (body.phone !== undefined) changes.phone = body.phone;
    if (body.metadata !== undefined) {
      changes.metadata = body.metadata === null ? null : JSON.stringify(body.metadata);
    }
    if (Object.keys(changes).length > 0) {
      await db.updateTable('customers').set(changes).where('id', '=', customer.id).execute();
    }
    return c.json(await present({ ...customer, ...changes }));
  });

  app.delete('/:id', async (c) => {
    const merchant = c.get('merchant');
    const customer = await findCustomerOrThrow(db, merchant.id, c.req.param('id'));
    const at = services.now();
    await db.transaction().execute(async (trx) => {
      const events = await cancelAll(trx, merchant, customer, at);
      events.push(webhookEvent('customer.deleted', merchant, at, toRestCustomer(customer, null)));
      // The phone and reference id are freed: a later checkout or POST makes a new customer.
      await trx
        .updateTable('customers')
        .set({ deleted_at: at.toISOString(), phone: null, reference_id: null })
        .where('id', '=', customer.id)
        .execute();
      await trx.insertInto('webhook_events').values(events).execute();
    });
    return c.json({ success: true });
  });

  app.get('/:id/subscription', async (c) => {
    const merchantId = c.get('merchant').id;
    const customer = await findCustomerOrThrow(db, merchantId, c.req.param('id'));
    const row = await subscriptionsQuery(db, merchantId)
      .where('subscriptions.customer_id', '=', customer.id)
      .where('subscriptions.status', '=', 'active')
      .executeTakeFirst();
    return c.json({ subscription: row ? toRestSubscriptionBase(row) : null });
  });

  return app;
}
