import { decodeCheckoutToken } from '@lava-checkout/protocol';
import { createParser } from 'eventsource-parser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BALANCE_STREAM_LIMITS } from '../balanceEvents/createBalanceStreams.ts';
import { foreignCustomerSession } from '../testing/foreignCustomerSession.ts';
import {
  merchantApi,
  merchantApiEachTest,
  seedCatalog,
  subscribedCustomer,
} from '../testing/merchantApi.ts';
import { startTestService, TEST_ORIGIN, type TestService } from '../testing/startTestService.ts';

// Only the streams' periodic check is faked: HTTP and the database run on real timers.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const { t, api } = merchantApiEachTest();
const opened: AbortController[] = [];
// Before the service closes: after-each hooks run last-registered first.
afterEach(() => {
  for (const controller of opened.splice(0)) controller.abort();
});

async function sessionFor(customerId: string, key = t.devMerchant.secretKey): Promise<string> {
  const created = await merchantApi(t, key)<{ customer_session_token: string }>(
    'POST',
    'customer_sessions',
    { customer_id: customerId, origin_url: TEST_ORIGIN },
  );
  const decoded = decodeCheckoutToken(created.body.customer_session_token);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.token.secret;
}

interface Summary {
  credits: { total: string; cycle: string; bundle: string };
}

/** An open `GET /api/account/events`, as a page reads it with fetch: each summary, in order. */
async function openEvents(service: TestService, secret: string, origin = TEST_ORIGIN) {
  const controller = new AbortController();
  opened.push(controller);
  const response = await fetch(`${service.service.url}api/account/events`, {
    headers: { authorization: `Bearer ${secret}`, origin, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  const summaries: Summary[] = [];
  let heartbeats = 0;
  let ended = false;
  let wake = () => {};
  const parser = createParser({
    onEvent: (event) => {
      if (event.event === 'summary') summaries.push(JSON.parse(event.data) as Summary);
      wake();
    },
    onComment: () => {
      heartbeats += 1;
      wake();
    },
  });
  if (response.ok && response.body) {
    const reader = response.body.getReader();
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          parser.feed(decoder.decode(read.value, { stream: true }));
        }
      } catch {
        // aborted by the test
      }
      ended = true;
      wake();
    })();
  }
  /** Resolves once `check` holds, re-checked on each thing the stream delivers. */
  const until = async (check: () => boolean) => {
    while (!check()) await new Promise<void>((resolve) => (wake = resolve));
  };
  return {
    response,
    summaries,
    until,
    heartbeats: () => heartbeats,
    ended: () => ended,
    /** The n-th summary (1-based), once it has arrived. */
    async summary(n: number) {
      await until(() => summaries.length >= n);
      return summaries[n - 1] as Summary;
    },
  };
}

const useTokens = (customer_id: string, meter_slug: string, request_id: string) =>
  api('POST', 'requests', { request_id, customer_id, meter_slug, input_tokens: 1_000_000 });

describe('GET /api/account/events', () => {
  it('sends the summary at once, and again when this process records usage', async () => {
    const { meter, plan } = await seedCatalog(api);
    const customerId = await subscribedCustomer(t, { planId: plan.plan_id });
    const events = await openEvents(t, await sessionFor(customerId));
    expect(events.response.status).toBe(200);
    expect(events.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(events.response.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect((await events.summary(1)).credits.total).toBe('25.00');

    // No periodic check runs here (its timer is faked and never moved): the notifier says it.
    await useTokens(customerId, meter.meter_slug, 'r1');
    const second = await events.summary(2);
    expect(Number(second.credits.total)).toBeLessThan(25);
    expect(second.credits.cycle).toBe(second.credits.total);
  });

  it('sends a change another process made at its next periodic check', async () => {
    const { meter, plan } = await seedCatalog(api);
    const customerId = await subscribedCustomer(t, { planId: plan.plan_id });
    const events = await openEvents(t, await sessionFor(customerId));
    await events.summary(1);

    // A second service process on the same database records the usage: this one hears nothing.
    const other = await startTestService({ dataDir: t.dataDir });
    try {
      await merchantApi(other, t.devMerchant.secretKey)('POST', 'requests', {
        request_id: 'r1',
        customer_id: customerId,
        meter_slug: meter.meter_slug,
        input_tokens: 1_000_000,
      });
    } finally {
      await other.close();
    }
    expect(events.summaries).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(BALANCE_STREAM_LIMITS.checkMs);
    expect(Number((await events.summary(2)).credits.total)).toBeLessThan(25);
  });

  it('sends nothing when nothing changed, and a heartbeat comment while idle', async () => {
    const customerId = await subscribedCustomer(t);
    const events = await openEvents(t, await sessionFor(customerId));
    await events.summary(1);
    await vi.advanceTimersByTimeAsync(BALANCE_STREAM_LIMITS.heartbeatMs);
    await events.until(() => events.heartbeats() > 0);
    expect(events.summaries).toHaveLength(1);
  });

  it('ends the stream when the session expires', async () => {
    const customerId = await subscribedCustomer(t);
    const events = await openEvents(t, await sessionFor(customerId));
    await events.summary(1);
    t.clock.now += 60 * 60 * 1000;
    await vi.advanceTimersByTimeAsync(BALANCE_STREAM_LIMITS.checkMs);
    await events.until(events.ended);
    expect(events.ended()).toBe(true);
  });

  it('refuses another origin, an expired session and another merchant’s customer', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);

    const foreign = await openEvents(t, secret, 'https://attacker.example');
    expect(foreign.response.status).toBe(403);
    expect(foreign.response.headers.get('access-control-allow-origin')).toBeNull();

    // Signed with our key for another merchant's customer: not one of ours, refused.
    const session = await foreignCustomerSession(t);
    const decoded = decodeCheckoutToken(session.customer_session_token);
    const notOurs = await openEvents(t, decoded.ok ? decoded.token.secret : '');
    expect(notOurs.response.status).toBe(401);
    expect(await notOurs.response.json()).toMatchObject({
      error: { code: 'customer_session_invalid' },
    });

    // A checkout session's secret reads no account.
    const checkout = await t.mint();
    expect((await openEvents(t, checkout.secret)).response.status).toBe(401);

    t.clock.now += 60 * 60 * 1000 + 1000;
    const expired = await openEvents(t, secret);
    expect(expired.response.status).toBe(401);
    expect(await expired.response.json()).toMatchObject({
      error: { code: 'customer_session_expired' },
    });
  });

  it('bounds the streams open for one customer', async () => {
    const customerId = await subscribedCustomer(t);
    const secret = await sessionFor(customerId);
    for (let i = 0; i < BALANCE_STREAM_LIMITS.perCustomer; i++) {
      expect((await openEvents(t, secret)).response.status).toBe(200);
    }
    const refused = await openEvents(t, secret);
    expect(refused.response.status).toBe(429);
    expect(await refused.response.json()).toMatchObject({ error: { code: 'too_many_streams' } });
  });
});
