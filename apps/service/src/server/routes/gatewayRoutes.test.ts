import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../credits/balanceOf.ts';
import { checkLedger } from '../credits/checkLedger.ts';
import { fromCreditUnits, toCreditUnits } from '../credits/creditUnits.ts';
import { drawCredits } from '../credits/drawCredits.ts';
import { inspectRequest } from '../gateway/inspectRequest.ts';
import { estimateReservation } from '../gateway/pricing/estimateReservation.ts';
import { Money } from '../platform/money/Money.ts';
import { gatewayServiceEachTest } from '../testing/gatewayServiceEachTest.ts';
import { FAKE_USAGE } from '../testing/startFakeProvider.ts';
import { subscriberPastSendLimits } from '../testing/subscriberPastSendLimits.ts';

const { t, fake } = gatewayServiceEachTest({ providers: ['OPENAI', 'ANTHROPIC'] });

/** A customer subscribed to the development plan (25.00 of credit, the ai-chat-tokens meter). */
const subscriber = () => subscriberPastSendLimits(t);

const lava = () => new Lava(t.devMerchant.secretKey, { baseUrl: `${t.service.url}v1/` });
const chat = (token: string, extra: Record<string, unknown> = {}, headers = {}) =>
  fetch(`${lava().providers.openai}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello!' }],
      ...extra,
    }),
  });

/** Waits for the service to record `count` gateway requests (they are recorded after the answer). */
async function recorded(count: number) {
  const db = t.service.services.db;
  for (let i = 0; i < 500; i++) {
    const rows = await db
      .selectFrom('usage_requests')
      .selectAll()
      .where('provider', 'is not', null)
      .execute();
    if (rows.length >= count) return rows;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`fewer than ${count} gateway requests were recorded`);
}

describe('the gateway, mounted on the service', () => {
  it("runs the seed's Step 4 and Step 5: the request is billed to the customer's plan credits", async () => {
    const customerId = await subscriber();
    // Step 4, as the seed writes it.
    const forwardToken = lava().generateForwardToken({
      customer_id: customerId,
      meter_slug: 'ai-chat-tokens',
    });
    const response = await chat(forwardToken, {}, { 'x-lava-metadata': '{"feature":"chat"}' });
    expect(response.status).toBe(200);
    const requestId = response.headers.get('x-lava-request-id');
    expect(requestId).toMatch(/^req_test_/);
    expect(((await response.json()) as { usage: unknown }).usage).toBeDefined();
    expect(fake.requestCount()).toBe(1);
    // Lava's credential never goes upstream: the provider gets the service's key.
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    await recorded(1);
    // Step 5.
    const usage = await lava().usage.retrieve({
      start: new Date(t.clock.now - 30 * 24 * 60 * 60 * 1000).toISOString().split('T')[0] ?? '',
      customer_id: customerId,
    });
    expect(usage.totals.total_requests).toBe(1);
    const tokens = FAKE_USAGE.inputTokens + FAKE_USAGE.cacheReadTokens + FAKE_USAGE.outputTokens;
    expect(usage.totals.total_usage_tokens).toBe(tokens);
    const charge = new Money(tokens).times(3).div(1_000_000);
    const sub = await lava().customers.getSubscription(customerId);
    expect(sub.subscription?.credits.total_remaining).toBe(new Money(25).minus(charge).toFixed());
    const request = await lava().requests.retrieve(requestId ?? '');
    expect(request).toMatchObject({
      request_id: requestId,
      customer_id: customerId,
      provider: 'openai',
      provider_key_type: 'managed',
      model: 'gpt-4o-mini',
      endpoint: '/v1/chat/completions',
      metadata: { feature: 'chat' },
      model_usage: {
        input_tokens: FAKE_USAGE.inputTokens + FAKE_USAGE.cacheReadTokens,
        output_tokens: FAKE_USAGE.outputTokens,
      },
    });
    expect(new Money(request.charge.amount).eq(charge)).toBe(true);
    expect(new Money(request.cost).gt(0)).toBe(true);
    // The usage totals sum the provider's cost of each gateway call.
    expect(new Money(usage.totals.total_cost).eq(request.cost)).toBe(true);
    expect(new Money(usage.items[0]?.total_cost ?? 0).eq(request.cost)).toBe(true);
    expect(await checkLedger(t.service.services.db)).toEqual([]);
  });

  it('answers 402 and calls nothing upstream when the credits cannot cover the estimate', async () => {
    const customerId = await subscriber();
    const token = lava().generateForwardToken({
      customer_id: customerId,
      meter_slug: 'ai-chat-tokens',
    });
    // 10,000,000 tokens could cost 30.00, more than the 25.00 of credit.
    const response = await chat(token, { max_tokens: 10_000_000 });
    expect(response.status).toBe(402);
    expect(await response.json()).toEqual({
      error: { message: expect.stringMatching(/credit bundle/), code: 'insufficient_credits' },
    });
    expect(fake.requestCount()).toBe(0);
  });

  it('200 concurrent calls against credits that cover 10: 10 reach upstream, 190 get 402', async () => {
    const customerId = await subscriber();
    const token = lava().generateForwardToken({
      customer_id: customerId,
      meter_slug: 'ai-chat-tokens',
    });
    const extra = { max_tokens: 100_000, stream: true };
    const body = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello!' }],
      ...extra,
    });
    // What each call reserves, as the gateway estimates it (stream_options is added upstream only).
    const estimate = estimateReservation({
      meter: { rate_type: 'fixed', tier_type: 'tokens_1m', tiers: [{ start: '0', rate: '3.00' }] },
      facts: inspectRequest('/v1/chat/completions', new TextEncoder().encode(body)),
      price: null,
      before: new Money(0),
      keyType: 'managed',
    });
    const each = toCreditUnits(estimate?.charge ?? 0);
    const db = t.service.services.db;
    const merchant = { id: t.devMerchant.merchantId, environment: 'test' } as const;
    await drawCredits(db, {
      merchant,
      customerId,
      amount: toCreditUnits(25) - 10n * each,
      requestId: null,
      at: new Date(t.clock.now),
    });
    fake.set({ pauseAfter: 1 });
    const calls = Array.from({ length: 200 }, () => chat(token, extra));
    const statuses = await Promise.all(calls.map(async (call) => (await call).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 402)).toHaveLength(190);
    expect(fake.requestCount()).toBe(10);
    fake.release();
    const answers = await Promise.all(calls.map(async (call) => (await call).text()));
    expect(answers.filter((a) => a.includes('[DONE]'))).toHaveLength(10);
    // Refused calls reached nothing and are not requests; the 10 are.
    await recorded(10);
    const account = await db.selectFrom('credit_accounts').selectAll().executeTakeFirstOrThrow();
    // Each settled at what the fake reported, well under its estimate: no overshoot, no overage.
    expect(BigInt(account.overage_due)).toBe(0n);
    expect(BigInt(account.reserved)).toBe(0n);
    const tokens = FAKE_USAGE.inputTokens + FAKE_USAGE.cacheReadTokens + FAKE_USAGE.outputTokens;
    const left = await balanceOf(db, { customerId }, new Date(t.clock.now));
    expect(fromCreditUnits(left.total).toFixed()).toBe(
      fromCreditUnits(10n * each)
        .minus(new Money(tokens * 10).times(3).div(1e6))
        .toFixed(),
    );
    expect(await checkLedger(db)).toEqual([]);
  });

  it('refuses a bad token, an unknown meter, and a meter not on the plan, saying how to fix the call', async () => {
    const customerId = await subscriber();
    const bad = await chat('aks_test_nottherightkeyatall');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
    const unknown = await chat(
      lava().generateForwardToken({ customer_id: customerId, meter_slug: 'nope' }),
    );
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      error: { code: 'unknown_meter', message: expect.stringMatching(/meter_slug/) },
    });
    const meter = await lava().meters.create({
      name: 'Other',
      rate_type: 'fixed',
      tier_type: 'tokens_1m',
      tiers: [{ start: '0', rate: '1.00' }],
    } as unknown as Parameters<ReturnType<typeof lava>['meters']['create']>[0]);
    const off = await chat(
      lava().generateForwardToken({ customer_id: customerId, meter_slug: meter.meter_slug }),
    );
    expect(off.status).toBe(403);
    expect(await off.json()).toMatchObject({
      error: { code: 'meter_not_on_plan', message: expect.stringMatching(/meter_ids/) },
    });
    const metadata = await chat(t.devMerchant.secretKey, {}, { 'x-lava-metadata': '{"a":1}' });
    expect(metadata.status).toBe(400);
    expect(fake.requestCount()).toBe(0);
  });

  it('passes an upstream error through with its status and body, and bills nothing for it', async () => {
    const customerId = await subscriber();
    fake.set({
      fail: { status: 429, body: { error: { message: 'slow down', type: 'rate_limit' } } },
    });
    const token = lava().generateForwardToken({
      customer_id: customerId,
      meter_slug: 'ai-chat-tokens',
    });
    const response = await chat(token);
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({ error: { message: 'slow down', type: 'rate_limit' } });
    const [row] = await recorded(1);
    expect(row?.charge).toBe('0.0000000000');
    expect(
      (await balanceOf(t.service.services.db, { customerId }, new Date(t.clock.now))).total,
    ).toBe(toCreditUnits(25));
  });

  it('refuses a body above 10 MiB with 413, and a cross-site browser call, sending nothing upstream', async () => {
    const big = await chat(t.devMerchant.secretKey, { padding: 'x'.repeat(10 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      error: { code: 'body_too_large', message: expect.stringMatching(/10 MiB.*smaller request/) },
    });
    // A forward token carries the merchant's secret key: it belongs on a server, never a page.
    const crossSite = await chat(t.devMerchant.secretKey, {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross_site_request' } });
    expect(fake.requestCount()).toBe(0);
    expect((await chat(t.devMerchant.secretKey, { padding: 'x'.repeat(1024 * 1024) })).status).toBe(
      200,
    );
  });

  it('with the secret key alone, the merchant pays: recorded without a customer', async () => {
    const response = await chat(t.devMerchant.secretKey);
    expect(response.status).toBe(200);
    const [row] = await recorded(1);
    expect(row).toMatchObject({
      customer_id: null,
      meter_id: null,
      provider: 'openai',
      status: 'completed',
    });
  });
});
