import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { balanceChanged } from '../balanceEvents/balanceChanged.ts';
import { fromCreditUnits, toCreditUnits } from '../credits/creditUnits.ts';
import { releaseReservation } from '../credits/releaseReservation.ts';
import { reserveCredits } from '../credits/reserveCredits.ts';
import { startAutoTopUp } from '../credits/startAutoTopUp.ts';
import { findGatewayPayer } from '../gateway/billing/findGatewayPayer.ts';
import { recordGatewayCall } from '../gateway/billing/recordGatewayCall.ts';
import { buildUpstreamRequest } from '../gateway/buildUpstreamRequest.ts';
import { type GatewayProblem, gatewayProblem, toErrorBody } from '../gateway/GatewayProblem.ts';
import { inspectRequest } from '../gateway/inspectRequest.ts';
import {
  BODY_BYTES_PER_INPUT_TOKEN,
  DEFAULT_MAX_OUTPUT_TOKENS,
  estimateReservation,
} from '../gateway/pricing/estimateReservation.ts';
import { findModelPrice } from '../gateway/pricing/findModelPrice.ts';
import { priceProviderCost } from '../gateway/pricing/priceProviderCost.ts';
import { RESERVATION_BOUND_MS } from '../gateway/RESERVATION_BOUND_MS.ts';
import { type GatewayCredential, readGatewayCredential } from '../gateway/readGatewayCredential.ts';
import { readGatewayTarget } from '../gateway/readGatewayTarget.ts';
import { readRequestMetadata } from '../gateway/readRequestMetadata.ts';
import { relayResponse } from '../gateway/relayResponse.ts';
import { resolveUpstream } from '../gateway/resolveUpstream.ts';
import { sendUpstream } from '../gateway/sendUpstream.ts';
import { authenticateMerchant } from '../merchants/authenticateMerchant.ts';
import { createId } from '../platform/createId.ts';
import { processDurable } from '../platform/db/processDurable.ts';
import { limitBody } from '../platform/http/limitBody.ts';
import { formatMoney, Money } from '../platform/money/Money.ts';
import type { Services } from '../Services.ts';
import { authorizeSpendKey, type SpendKeyReservation } from '../spendKeys/authorizeSpendKey.ts';
import { findSpendKeyScope } from '../spendKeys/findSpendKeyScope.ts';
import { readSpendKeyCredential } from '../spendKeys/readSpendKeyCredential.ts';
import type { SpendKeyRefusal } from '../spendKeys/SpendKeyRefusal.ts';
import { settleSpendKey } from '../spendKeys/settleSpendKey.ts';
import { findMeterUsage } from '../usage/findMeterUsage.ts';

/**
 * The largest request body the gateway takes: 10 MiB. Each body is read whole before it goes
 * upstream (its model and output limit price the reservation), so this bounds what one call
 * holds in memory; it is above what providers take for text calls.
 */
export const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

type GatewayEnv = { Bindings: { incoming?: IncomingMessage; outgoing?: ServerResponse } };

const refused = (r: SpendKeyRefusal) =>
  new Response(JSON.stringify({ error: { message: r.message, code: r.code } }), {
    status: r.status,
    headers: {
      'content-type': 'application/json',
      ...(r.retryAfterSeconds === undefined ? {} : { 'retry-after': String(r.retryAfterSeconds) }),
    },
  });

/** The request shape a spend key may be limited to, from the answer's usage format. */
const shapeOf = (format: string | null) =>
  format === 'anthropic_messages'
    ? 'anthropic'
    : format === 'openai_chat' || format === 'openai_responses'
      ? 'openai'
      : null;

const problem = (p: GatewayProblem) =>
  new Response(JSON.stringify(toErrorBody(p)), {
    status: p.status as ContentfulStatusCode,
    headers: { 'content-type': 'application/json' },
  });

/**
 * The AI gateway: `/v1/forward?u=<provider URL>` and `/v1/rewrite/{openai|anthropic|google}/…`,
 * every method. Mounted ahead of the REST API's body limit and idempotency buffer: request
 * bodies go upstream as they came, answers stream back as they arrive. Each call is
 * authenticated by its secret key or forward token, billed as the token says (a customer's
 * credits reserve what the call could cost before it is sent, or it is refused with 402 and
 * nothing goes upstream), relayed, then recorded as a request and settled at its real cost.
 */
export function gatewayRoutes(services: Services): Hono<GatewayEnv> {
  const app = new Hono<GatewayEnv>();
  const { db, gateway } = services;
  // A call's reservation and its record commit for the process, not the disk: the crash of a
  // process keeps both (recovery bills a reservation left open); a power cut may lose the last
  // ones written (see the README's gateway section).
  const billingDb = processDurable(db);
  const billing = { ...services, db: billingDb };

  const handle = async (c: Context<GatewayEnv>): Promise<Response> => {
    const incoming = c.env?.incoming;
    const pathAndQuery = () => {
      const url = new URL(c.req.url);
      return `${url.pathname}${url.search}`;
    };
    const target = readGatewayTarget(incoming?.url ?? pathAndQuery());
    if (!target.ok) return problem(target.problem);
    const headers = incoming?.headers ?? c.req.raw.headers;
    const now = services.now();
    // A spend key (lsk_…) acts for the merchant, or a customer and meter, its scope names.
    const spendKey = readSpendKeyCredential(headers, target.value.keyParam);
    const spendScope = spendKey ? await findSpendKeyScope(db, spendKey.key) : null;
    if (spendKey && !spendScope) {
      const unknown = await authorizeSpendKey(
        db,
        spendKey.key,
        { provider: null, model: null, shape: null, estimate: '0' },
        now,
      );
      if (!unknown.ok) return refused(unknown.refusal);
    }
    let credential:
      | { ok: true; value: GatewayCredential }
      | ReturnType<typeof readGatewayCredential>;
    let merchant: { id: string; environment: 'test' | 'live' };
    if (spendKey && spendScope) {
      const base = {
        secretKey: '',
        environment: spendScope.environment,
        providerKey: null,
        carriers: spendKey.carriers,
        form: 'spend_key' as const,
      };
      credential = {
        ok: true,
        value:
          spendScope.customerId && spendScope.meterId
            ? {
                ...base,
                mode: 'customer',
                customerId: spendScope.customerId,
                meter: { by: 'id', id: spendScope.meterId },
              }
            : spendScope.meterId
              ? { ...base, mode: 'meter', meter: { by: 'id', id: spendScope.meterId } }
              : { ...base, mode: 'merchant' },
      };
      merchant = { id: spendScope.merchantId, environment: spendScope.environment };
    } else {
      credential = readGatewayCredential(headers, target.value.keyParam);
      if (!credential.ok) return problem(credential.problem);
      try {
        merchant = await authenticateMerchant(db, `Bearer ${credential.value.secretKey}`, now);
      } catch {
        return problem(
          gatewayProblem(
            'invalid_api_key',
            'the secret key of this call (alone, or inside its forward token) is unknown or revoked',
            "Use your merchant account's current secret key, and mint forward tokens with it",
          ),
        );
      }
    }
    const metadata = readRequestMetadata(c.req.header('x-lava-metadata'));
    if (!metadata.ok) return problem(metadata.problem);
    const route = resolveUpstream(target.value, credential.value, gateway.providers);
    if (!route.ok) return problem(route.problem);
    const payer = await findGatewayPayer(db, merchant.id, credential.value, now);
    if (!payer.ok) return problem(payer.problem);

    const method = c.req.method;
    const body =
      method === 'GET' || method === 'HEAD' ? null : new Uint8Array(await c.req.raw.arrayBuffer());
    const facts = inspectRequest(route.value.url.pathname, body);
    const provider = route.value.provider?.id ?? null;
    const price = facts.model ? (findModelPrice(provider, facts.model)?.price ?? null) : null;
    const requestId = createId('req', merchant.environment, now.getTime());

    let reservation: { id: string; amount: bigint } | null = null;
    let spendReservation: SpendKeyReservation | null = null;
    /** Checks and counts the call on its spend key, reserving `estimate` against its spend limit. */
    const authorizeSpend = async (estimate: Money): Promise<Response | null> => {
      if (!spendKey) return null;
      const authorized = await authorizeSpendKey(
        db,
        spendKey.key,
        {
          provider,
          model: facts.model,
          shape: shapeOf(route.value.usageFormat),
          estimate: estimate.toFixed(),
        },
        now,
      );
      if (!authorized.ok) return refused(authorized.refusal);
      spendReservation = authorized.reservation;
      return null;
    };
    const settleSpend = (cost: string) => {
      const held = spendReservation;
      spendReservation = null;
      return held ? settleSpendKey(db, held, cost) : Promise.resolve();
    };
    const { customer, meter, periodStart } = payer.value;
    if (payer.value.billing !== 'credits') {
      // The merchant pays: the spend limit counts the provider's list price of the call.
      const estimate = price
        ? priceProviderCost(
            {
              inputTokens: Math.ceil(facts.bodyBytes / BODY_BYTES_PER_INPUT_TOKEN),
              outputTokens: facts.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS,
              cacheReadTokens: 0,
              cacheWriteTokens: 0,
            },
            price,
          )
        : new Money(0);
      const refusal = await authorizeSpend(estimate);
      if (refusal) return refusal;
    }
    if (payer.value.billing === 'credits' && customer && meter && periodStart) {
      // Graduated tiers price a call by what was used before it; one tier does not.
      const [used] =
        meter.tiers.length > 1
          ? (
              await findMeterUsage(db, {
                customer_id: customer.id,
                meter_id: meter.id,
                period_start: periodStart,
              })
            ).rows
          : [];
      const estimate = estimateReservation({
        meter,
        facts,
        price,
        before: new Money(used?.quantity ?? 0),
        keyType: route.value.keyType,
      });
      if (!estimate) {
        return problem(
          gatewayProblem(
            'model_not_priced',
            `the meter marks up the provider's cost, and the gateway has no price for the model ${facts.model ?? '(none named)'}`,
            'Call a model listed by GET /v1/models, or bill it on a fixed-rate meter',
          ),
        );
      }
      const refusal = await authorizeSpend(estimate.charge);
      if (refusal) return refusal;
      const amount = toCreditUnits(estimate.charge);
      const held = await reserveCredits(billingDb, {
        merchant,
        customerId: customer.id,
        amount,
        requestId,
        at: now,
        settleBy: new Date(now.getTime() + RESERVATION_BOUND_MS),
      });
      if (!held.ok) {
        // Refused for want of credits, with no settled call to notice (after a card was
        // replaced, say): top up, if the bundle would make this call fit.
        startAutoTopUp(services, { customerId: customer.id, threshold: amount, need: amount });
        await settleSpend('0');
        return problem(
          gatewayProblem(
            'insufficient_credits',
            `customer ${customer.id} has ${formatMoney(fromCreditUnits(held.free))} of credits free, and this call could cost up to ${formatMoney(fromCreditUnits(amount))}`,
            'Have them buy a credit bundle, or send a smaller max_tokens',
          ),
        );
      }
      reservation = { id: held.reservationId, amount };
    }

    const record = (
      status: number | null,
      end: Parameters<typeof recordGatewayCall>[1]['end'],
      usage: Parameters<typeof recordGatewayCall>[1]['usage'],
    ) =>
      recordGatewayCall(billing, {
        merchant,
        requestId,
        payer: payer.value,
        reservation,
        provider: provider ?? 'custom',
        keyType: route.value.keyType,
        endpoint: route.value.url.pathname,
        model: facts.model,
        price,
        status,
        end,
        usage,
        metadata: metadata.value,
      })
        .then((row) => {
          // The settled draw may have left less than another call like it would hold: top up,
          // in the background, before the next call is refused for want of credits.
          if (reservation && row.customer_id) {
            balanceChanged(services.db, row.customer_id);
            startAutoTopUp(services, {
              customerId: row.customer_id,
              threshold: reservation.amount,
            });
          }
          return settleSpend(
            payer.value.billing === 'credits' ? row.charge : (row.cost ?? row.charge),
          );
        })
        .catch((error: unknown) => {
          console.error(
            'Lava Checkout: a gateway call could not be recorded; recovery bills its reservation.',
            { requestId, error },
          );
        });

    const upstream = buildUpstreamRequest({
      method,
      headers,
      body,
      route: route.value,
      facts,
      reportUsage: true,
      requestId,
    });
    const sent = await sendUpstream(upstream, route.value, gateway.dispatchers);
    if (!sent.ok) {
      // Nothing reached the provider: the hold goes back, and the call is on record.
      if (reservation) await releaseReservation(billingDb, reservation.id);
      reservation = null;
      await record(null, 'unreachable', null);
      return problem(sent.problem);
    }
    const { statusCode } = sent.value;
    return relayResponse(sent.value, {
      usageFormat: route.value.usageFormat,
      headers: { 'x-lava-request-id': requestId },
      ...(c.env?.outgoing ? { outgoing: c.env.outgoing, production: services.production } : {}),
      ...(gateway.limits ? { limits: gateway.limits } : {}),
      ...(gateway.startTimer ? { startTimer: gateway.startTimer } : {}),
      onSettled: (outcome) => {
        void record(statusCode, outcome.end, outcome.usage);
      },
    });
  };

  const limit = limitBody({
    maxSize: GATEWAY_BODY_LIMIT,
    onError: () =>
      problem(
        gatewayProblem(
          'body_too_large',
          `the request body is larger than the gateway's ${GATEWAY_BODY_LIMIT / 1024 / 1024} MiB`,
          'Send a smaller request: upload large files to the provider directly and refer to them by id',
        ),
      ),
  });
  for (const path of ['/forward', '/forward/*', '/rewrite/*']) app.use(path, limit);
  app.all('/forward', handle);
  app.all('/forward/*', handle);
  app.all('/rewrite/*', handle);
  return app;
}
