import { Hono } from 'hono';
import { z } from 'zod';
import { lookupCustomer } from '../../customers/lookupCustomer.ts';
import type { Db } from '../../platform/db/Database.ts';
import { listPage } from '../../platform/http/listPage.ts';
import { id, listQuery, requestMetadata } from '../../platform/http/merchantSchemas.ts';
import { readMerchantBody, readMerchantQuery } from '../../platform/http/readMerchantInput.ts';
import { ServiceError } from '../../platform/ServiceError.ts';
import type { Services } from '../../Services.ts';
import { listUsageRequests } from '../../usage/listUsageRequests.ts';
import { recordUsage } from '../../usage/recordUsage.ts';
import { summarizeUsage } from '../../usage/summarizeUsage.ts';
import { toRestRequest } from '../../usage/toRestRequest.ts';
import { MAX_METADATA_FILTERS, USAGE_MAX_DAYS } from '../../usage/usageLimits.ts';
import type { MerchantApiEnv } from './MerchantApiEnv.ts';

const count = z
  .number()
  .int('expected a whole number')
  .min(0, 'expected a whole number of 0 or more')
  .max(1e12, 'expected at most 1,000,000,000,000')
  .optional();

const CreateRequest = z.strictObject({
  request_id: z.string().regex(/^[\x21-\x7e]{1,255}$/, 'expected 1 to 255 printable characters'),
  customer_id: id,
  meter_slug: z.string().min(1).max(64),
  metadata: requestMetadata.optional(),
  input_tokens: count,
  output_tokens: count,
  input_characters: count,
  output_characters: count,
  input_seconds: count,
  output_seconds: count,
});

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `metadata_filters`: `JSON.stringify(Object.entries({ key: 'value' }))`, as the SDK sends them;
 * at most `MAX_METADATA_FILTERS` pairs, since each is checked against every request read.
 */
const metadataFilters = z
  .string()
  .transform((value, ctx) => {
    try {
      const pairs = JSON.parse(value) as unknown;
      if (Array.isArray(pairs) && pairs.length > MAX_METADATA_FILTERS) {
        ctx.addIssue({
          code: 'custom',
          message: `expected at most ${MAX_METADATA_FILTERS} [key, value] pairs`,
        });
        return z.NEVER;
      }
      if (
        Array.isArray(pairs) &&
        pairs.every(
          (pair) =>
            Array.isArray(pair) &&
            pair.length === 2 &&
            typeof pair[0] === 'string' &&
            typeof pair[1] === 'string',
        )
      ) {
        return pairs as [string, string][];
      }
    } catch {}
    ctx.addIssue({ code: 'custom', message: 'expected a JSON array of [key, value] string pairs' });
    return z.NEVER;
  })
  .optional();

/** A date (`2026-11-01`) or an ISO-8601 time, as an ISO string. */
const time = z.string().transform((value, ctx) => {
  const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value)
    ? new Date(/T/.test(value) ? value : `${value}T00:00:00.000Z`)
    : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a date like 2026-11-01, or an ISO-8601 time',
    });
    return z.NEVER;
  }
  return parsed.toISOString();
});

async function meterIdOf(db: Db, merchantId: string, meterId: string | undefined) {
  if (meterId === undefined) return undefined;
  const meter = await db
    .selectFrom('meters')
    .select('id')
    .where('merchant_id', '=', merchantId)
    .where('id', '=', meterId)
    .executeTakeFirst();
  if (!meter) {
    throw new ServiceError(
      'not_found',
      `Lava Checkout: no meter ${meterId} in this account. Use a meter_id that POST /v1/meters returned.`,
      {
        param: 'meter_id',
      },
    );
  }
  return meter.id;
}

/** `/v1/requests` and `/v1/usage`: usage recorded against customers and meters, and its sums. */
export function usageRoutes(services: Services): Hono<MerchantApiEnv> {
  const app = new Hono<MerchantApiEnv>();
  const { db } = services;

  app.post('/v1/requests', async (c) => {
    const body = await readMerchantBody(c, CreateRequest);
    const recorded = await recordUsage(services, c.get('merchant'), {
      request_id: body.request_id,
      customer_id: body.customer_id,
      meter_slug: body.meter_slug,
      metadata: body.metadata ?? {},
      input_tokens: body.input_tokens ?? 0,
      output_tokens: body.output_tokens ?? 0,
      input_characters: body.input_characters ?? 0,
      output_characters: body.output_characters ?? 0,
      input_seconds: body.input_seconds ?? 0,
      output_seconds: body.output_seconds ?? 0,
    });
    return c.json(toRestRequest(recorded.row), recorded.created ? 201 : 200);
  });

  app.get('/v1/requests', async (c) => {
    const query = readMerchantQuery(
      c,
      z.strictObject({
        ...listQuery,
        customer_id: id.optional(),
        meter_id: id.optional(),
        metadata_filters: metadataFilters,
      }),
    );
    const merchantId = c.get('merchant').id;
    const customer = query.customer_id
      ? await lookupCustomer(db, merchantId, query.customer_id, 'customer_id')
      : undefined;
    const scope = {
      merchantId,
      customerId: customer?.id,
      meterId: await meterIdOf(db, merchantId, query.meter_id),
      metadata: query.metadata_filters,
    };
    return c.json(
      await listPage(
        query,
        (before, take) => listUsageRequests(services, scope, before, take),
        toRestRequest,
      ),
    );
  });

  app.get('/v1/requests/:id', async (c) => {
    const row = await db
      .selectFrom('usage_requests')
      .selectAll()
      .where('merchant_id', '=', c.get('merchant').id)
      .where('request_id', '=', c.req.param('id'))
      .executeTakeFirst();
    if (!row) {
      throw new ServiceError(
        'not_found',
        `Lava Checkout: no request ${c.req.param('id')} in this account. Use the request_id you recorded with POST /v1/requests.`,
      );
    }
    return c.json(toRestRequest(row));
  });

  app.get('/v1/usage', async (c) => {
    const query = readMerchantQuery(
      c,
      z.strictObject({
        start: time,
        end: time.optional(),
        customer_id: id.optional(),
        meter_id: id.optional(),
        metadata_filters: metadataFilters,
      }),
    );
    const merchantId = c.get('merchant').id;
    if (query.end !== undefined && query.end <= query.start) {
      throw new ServiceError(
        'invalid_request',
        'Lava Checkout: end is invalid: it must come after start. Pass an end after start, or leave it out for now.',
        { param: 'end' },
      );
    }
    // Without an end, everything from start on: up to now.
    const end = query.end ?? services.now().toISOString();
    const param = query.end === undefined ? 'start' : 'end';
    if (Date.parse(end) - Date.parse(query.start) > USAGE_MAX_DAYS * DAY_MS) {
      throw new ServiceError(
        'invalid_request',
        `Lava Checkout: ${param} is invalid: one call sums at most ${USAGE_MAX_DAYS} days from start to end${query.end === undefined ? ' (now, when end is left out)' : ''}. Ask for a shorter range, in several calls if need be.`,
        { param },
      );
    }
    const customer = query.customer_id
      ? await lookupCustomer(db, merchantId, query.customer_id, 'customer_id')
      : undefined;
    const scope = {
      merchantId,
      customerId: customer?.id,
      meterId: await meterIdOf(db, merchantId, query.meter_id),
      metadata: query.metadata_filters,
    };
    return c.json(
      await summarizeUsage(services, scope, {
        start: query.start,
        ...(query.end === undefined ? {} : { end: query.end }),
      }),
    );
  });

  return app;
}
