import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startTestService,
  type TestService,
  testPaymentMethod,
} from '../testing/startTestService.ts';

const PHONE = '+1 415 555 0100';
const CARD = testPaymentMethod();

let t: TestService;
beforeEach(async () => {
  // A processor that takes 20 ms a call, as one across a network does: races show.
  t = await startTestService({ config: { payments: { kind: 'test', latencyMs: 20 } } });
});
afterEach(async () => {
  await t.close();
});

/** Charges that moved money, as the processor's own ledger records them. */
function chargesAtTheProcessor(): number {
  const ledger = new Database(join(t.dataDir, 'test-processor.sqlite'), { readonly: true });
  try {
    return (
      ledger.prepare(`select count(*) as n from charges where status = 'succeeded'`).get() as {
        n: number;
      }
    ).n;
  } finally {
    ledger.close();
  }
}

async function verifiedSession(phone = PHONE) {
  t.clock.now += 11 * 60 * 1000;
  const session = await t.mint();
  expect((await t.post('phone', session.secret, { phone })).status).toBe(200);
  const code = await t.latestCode(phone.replace(/\s/g, ''));
  expect((await t.post('code', session.secret, { code })).status).toBe(200);
  return session;
}

describe('one charge per customer and plan', () => {
  it('charges once when two sessions for one phone pay at the same moment; both complete', async () => {
    const a = await verifiedSession();
    const b = await verifiedSession();
    const [first, second] = await Promise.all([
      t.post('subscribe', a.secret, CARD),
      t.post('subscribe', b.secret, CARD),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const bodies = [await first.json(), await second.json()] as { subscription_id: string }[];
    expect(bodies[0]?.subscription_id).toBe(bodies[1]?.subscription_id);

    expect(chargesAtTheProcessor()).toBe(1);
    expect(t.rows('payments').filter((p) => p.status === 'succeeded')).toHaveLength(1);
    expect(t.rows('subscriptions').filter((s) => s.status === 'active')).toHaveLength(1);
    expect(t.rows('subscriptions')).toHaveLength(1);
    expect(t.rows('checkout_sessions').map((s) => s.status)).toEqual(['completed', 'completed']);
  });

  it('charges once for 20 concurrent submits of one session', async () => {
    const session = await verifiedSession();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.post('subscribe', session.secret, CARD).then((r) => r.status),
      ),
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(chargesAtTheProcessor()).toBe(1);
    expect(t.rows('subscriptions')).toHaveLength(1);
  });

  it('lets the second session pay when the first one is declined meanwhile', async () => {
    const a = await verifiedSession();
    const b = await verifiedSession();
    const [declined, paid] = await Promise.all([
      t.post('subscribe', a.secret, testPaymentMethod('4000 0000 0000 0002')),
      t.post('subscribe', b.secret, CARD),
    ]);
    expect([declined.status, paid.status].sort()).toEqual([200, 402]);
    expect(chargesAtTheProcessor()).toBe(1);
    expect(t.rows('subscriptions').filter((s) => s.status === 'active')).toHaveLength(1);
  });

  it('keeps the subscription when the same customer buys the plan again later', async () => {
    const first = await verifiedSession();
    expect((await t.post('subscribe', first.secret, CARD)).status).toBe(200);
    // The code alone completes the second checkout: there is nothing to pay.
    const again = await verifiedSession();
    const response = await t.post('subscribe', again.secret, CARD);
    expect(response.status).toBe(409);
    expect(chargesAtTheProcessor()).toBe(1);
    expect(t.rows('subscriptions')).toEqual([expect.objectContaining({ status: 'active' })]);
  });
});

describe('payment attempts across sessions', () => {
  it('stop card testing: 10 attempts per phone per hour, whatever the sessions', async () => {
    const declined = testPaymentMethod('4000 0000 0000 0002');
    for (let session = 0; session < 2; session++) {
      const { secret } = await verifiedSession();
      for (let attempt = 0; attempt < 5; attempt++) {
        expect((await t.post('subscribe', secret, declined)).status).toBe(402);
      }
    }
    const { secret } = await verifiedSession();
    const eleventh = await t.post('subscribe', secret, CARD);
    expect(eleventh.status).toBe(429);
    expect(await eleventh.json()).toMatchObject({ error: { code: 'too_many_payment_attempts' } });
    expect(Number(eleventh.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(t.rows('payments')).toHaveLength(10);
    expect(t.rows('subscriptions')).toHaveLength(0);
  });
});
