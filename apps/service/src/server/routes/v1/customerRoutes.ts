import { ID_PREFIXES } from '@lava-checkout/protocol';
import { Hono } from 'hono';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { createCustomer } from '../../customers/createCustomer.ts';
import { deleteCustomer } from '../../customers/deleteCustomer.ts';
import { findCustomerOrThrow } from '../../customers/findCustomerOrThrow.ts';
import { presentCustomers } from '../../customers/presentCustomers.ts';
import { toRestCustomer } from '../../customers/toRestCustomer.ts';
import { updateCustomer } from '../../customers/updateCustomer.ts';
import type { Tables } from '../../platform/db/Database.ts';
import { displayName } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody } from '../../platform/http/readMerchantInput.ts';
import type { Services } from '../../Services.ts';
import { findActiveSubscription } from '../../subscriptions/findActiveSubscription.ts';
import { toRestSubscriptionBase } from '../../subscriptions/loadSubscriptions.ts';
import { listMerchantRows } from './listMerchantRows.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

/** The most a customer's metadata may hold, as JSON. */
const METADATA_LIMIT = 16 * 1024;

const referenceId = z
  .string()
  .min(1, 'expected 1 to 255 characters')
  .max(255, 'expected 1 to 255 characters')
  .refine(
    (value) => !value.startsWith(`${ID_PREFIXES.customer}_`),
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

/** `/v1/customers`: the merchant's customers, made by checkout or by the merchant. */
export function customerRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;
  const present = async (customer: Tables['customers']) => {
    const [rest] = await presentCustomers(db, [customer]);
    return rest;
  };

  app.post('/', async (c) => {
    const body = await readMerchantBody(c, CreateCustomer);
    const { customer, created } = await createCustomer(services, c.get('merchant'), body);
    // Idempotent on reference_id: the customer made the first time, as it now is.
    return created
      ? c.json(toRestCustomer(customer, null), 201)
      : c.json(await present(customer), 200);
  });

  app.get('/', async (c) => {
    const page = await listMerchantRows(c, db, 'customers', (customer) => customer);
    return c.json({ ...page, data: await presentCustomers(db, page.data) });
  });

  app.get('/:id', async (c) =>
    c.json(await present(await findCustomerOrThrow(db, c.get('merchant').id, c.req.param('id')))),
  );

  app.patch('/:id', async (c) => {
    const body = await readMerchantBody(c, UpdateCustomer);
    const customer = await updateCustomer(services, c.get('merchant').id, c.req.param('id'), body);
    return c.json(await present(customer));
  });

  app.delete('/:id', async (c) => {
    await deleteCustomer(services, c.get('merchant'), c.req.param('id'));
    return c.json({ success: true });
  });

  app.get('/:id/subscription', async (c) => {
    const merchantId = c.get('merchant').id;
    const customer = await findCustomerOrThrow(db, merchantId, c.req.param('id'));
    const row = await findActiveSubscription(db, merchantId, customer.id);
    return c.json({ subscription: row ? toRestSubscriptionBase(row) : null });
  });

  return app;
}
