import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { checkoutAcross, codeFrom, mintFor, pageCall } from '../testing/checkoutOverHttp.ts';
import { spawnTwoOnPostgres } from '../testing/spawnTwoOnPostgres.ts';
import { subscribeWebhook } from '../testing/subscribeWebhook.ts';
import { startWebhookReceiver } from '../testing/webhookReceiver.ts';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  await receiver?.close();
});

describe('two service processes on one PostgreSQL', () => {
  it('complete sessions minted through either, hold limits across both, and deliver each webhook once', async () => {
    // The second starts once the first has made the test merchant, and shares its key file.
    const { a, b, databaseUrl } = await spawnTwoOnPostgres({ trustedProxies: 1 });
    expect(b.devMerchant).toEqual(a.devMerchant);
    const { secretKey, planId } = a.devMerchant;
    receiver = await startWebhookReceiver();
    await subscribeWebhook(a.url, secretKey, receiver.url);

    // A session minted through A's REST API completes through B, and one minted locally and
    // opened by B completes through A.
    const minted = await fetch(`${a.url}v1/checkout_sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        checkout_mode: 'subscription',
        origin_url: 'http://localhost:4000',
        plan_id: planId,
      }),
    });
    const { checkout_session_id: restId, checkout_session_token: token } =
      (await minted.json()) as {
        checkout_session_id: string;
        checkout_session_token: string;
      };
    const restSecret = JSON.parse(atob(token)).secret as string;
    const first = await checkoutAcross(
      restSecret,
      '+14155550101',
      { phoneAt: b.url, codeAt: b.url, payAt: b.url },
      '198.51.100.1',
    );
    const localSecret = await mintFor(b.url, secretKey, planId);
    expect((await fetch(`${b.url}embed/checkout/${localSecret}`)).status).toBe(200);
    const second = await checkoutAcross(
      localSecret,
      '+14155550102',
      { phoneAt: a.url, codeAt: b.url, payAt: a.url },
      '198.51.100.2',
    );
    const session = await fetch(`${b.url}v1/checkout_sessions/${restId}`, {
      headers: { authorization: `Bearer ${secretKey}` },
    });
    expect(await session.json()).toMatchObject({
      customer_id: first.customer_id,
      completed_at: expect.any(String),
    });
    expect(second.customer_id).not.toBe(first.customer_id);

    // The limit of 10 codes per IP per hour holds across both, even when asked at once.
    const sends = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const at = i % 2 === 0 ? a.url : b.url;
        const secret = await mintFor(at, secretKey, planId);
        return pageCall(
          at,
          'phone',
          secret,
          { phone: `+1415555${String(200 + i).padStart(4, '0')}` },
          '203.0.113.7',
        );
      }),
    );
    expect(sends.filter((s) => s.status === 200)).toHaveLength(10);
    expect(sends.filter((s) => s.status === 429).map((s) => s.body)).toEqual([
      expect.objectContaining({
        error: expect.objectContaining({ code: 'too_many_sends_from_address' }),
      }),
      expect.objectContaining({
        error: expect.objectContaining({ code: 'too_many_sends_from_address' }),
      }),
    ]);
    expect(await codeFrom(a.url, '+14155550200')).toMatch(/^\d{6}$/);

    // Two checkouts, three events each: once both processes have finished and stopped, each
    // event arrived exactly once.
    await receiver.until(6);
    await a.stop();
    await b.stop();
    const ids = receiver.received.map((d) => d.eventId);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        'select count(*)::int as n from webhook_deliveries where delivered_at is not null',
      );
      expect(rows[0]).toEqual({ n: 6 });
    } finally {
      await client.end();
    }
  }, 90_000);
});
