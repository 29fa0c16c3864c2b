import { Lava } from '@lavapayments/nodejs';
import { describe, expect, it, vi } from 'vitest';
import { inspectRequest } from '../gateway/inspectRequest.ts';
import { estimateReservation } from '../gateway/pricing/estimateReservation.ts';
import { Money } from '../platform/money/Money.ts';
import { drawCreditsNow } from '../testing/drawCreditsNow.ts';
import { gatewayServiceEachTest } from '../testing/gatewayServiceEachTest.ts';
import { subscribedCustomer } from '../testing/merchantApi.ts';
import { turnOnAutoTopUp } from '../testing/turnOnAutoTopUp.ts';
import { checkLedger } from './checkLedger.ts';
import { toCreditUnits } from './creditUnits.ts';
import { autoTopUpsSettled } from './startAutoTopUp.ts';

// A checkout, gateway calls over loopback and a processor that takes real time.
vi.setConfig({ testTimeout: 30_000 });

const PHONE = '+14155550100';

const { t, fake } = gatewayServiceEachTest({
  config: { payments: { kind: 'test', latencyMs: 40 } },
});

const lava = () => new Lava(t.devMerchant.secretKey, { baseUrl: `${t.service.url}v1/` });
const body = (maxTokens: number) =>
  JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hello!' }],
    max_tokens: maxTokens,
  });
const chat = (token: string, maxTokens: number) =>
  fetch(`${lava().providers.openai}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body(maxTokens),
  });

/** A customer subscribed to the dev plan, with auto top-up on the $25 bundle; their token. */
async function subscriber() {
  const customerId = await subscribedCustomer(t, { phone: PHONE });
  await turnOnAutoTopUp(t, customerId);
  const token = lava().generateForwardToken({
    customer_id: customerId,
    meter_slug: 'ai-chat-tokens',
  });
  const use = (amount: bigint) => drawCreditsNow(t, customerId, amount);
  return { customerId, token, use };
}

/** Waits until the service recorded `count` gateway calls (recorded after the answer ends). */
async function recorded(count: number) {
  for (let i = 0; i < 500; i++) {
    const rows = await t.service.services.db
      .selectFrom('usage_requests')
      .select('id')
      .where('provider', 'is not', null)
      .execute();
    if (rows.length >= count) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`fewer than ${count} gateway calls were recorded`);
}

const topUps = () =>
  t.service.services.db
    .selectFrom('payments')
    .select(['status', 'amount'])
    .where('kind', '=', 'top_up')
    .execute();

describe('auto top-up from the gateway', () => {
  it('a call refused for want of credits tops up when the bundle would make it fit, and the next call goes through', async () => {
    const { token, use } = await subscriber();
    const { services } = t.service;
    // Every credit used (by usage before auto top-up was on, say).
    await use(toCreditUnits('25.00'));

    // 100,000,000 tokens could cost 300.00: a 25.00 bundle would not make it fit. No top-up.
    expect((await chat(token, 100_000_000)).status).toBe(402);
    await autoTopUpsSettled(services.db);
    expect(await topUps()).toEqual([]);

    // A call the bundle covers: refused now, it tops up in the background...
    expect((await chat(token, 1000)).status).toBe(402);
    await autoTopUpsSettled(services.db);
    expect(await topUps()).toEqual([{ status: 'succeeded', amount: '25.00' }]);
    // ...and the same call goes through.
    const next = await chat(token, 1000);
    expect(next.status).toBe(200);
    await next.text();
    expect(fake.requestCount()).toBe(1);
    await autoTopUpsSettled(services.db);
    expect(await topUps()).toHaveLength(1);
    expect(await checkLedger(services.db)).toEqual([]);
  });

  it('a billed call that leaves less than another like it would hold tops up before the next is refused', async () => {
    const { token, use } = await subscriber();
    const { services } = t.service;
    const estimate = estimateReservation({
      meter: { rate_type: 'fixed', tier_type: 'tokens_1m', tiers: [{ start: '0', rate: '3.00' }] },
      facts: inspectRequest('/v1/chat/completions', new TextEncoder().encode(body(1000))),
      price: null,
      before: new Money(0),
      keyType: 'managed',
    });
    const each = toCreditUnits(estimate?.charge ?? 0);
    expect(each).toBeGreaterThan(0n);
    // Room for one call like it, a little more.
    await use(toCreditUnits('25.00') - each - 1n);
    const first = await chat(token, 1000);
    expect(first.status).toBe(200);
    await first.text();
    await recorded(1);
    // The top-up starts once the record's transaction resolved, a turn after it committed.
    await new Promise((resolve) => setImmediate(resolve));
    await autoTopUpsSettled(services.db);
    expect(await topUps()).toEqual([{ status: 'succeeded', amount: '25.00' }]);
    expect((await chat(token, 1000)).status).toBe(200);
    expect(await checkLedger(services.db)).toEqual([]);
  });
});
