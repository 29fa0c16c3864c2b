import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { expectErrorAnswer } from '../testing/expectErrorAnswer.ts';
import { testPaymentMethod } from '../testing/startTestService.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

const PHONE = '+1 415 555 0100';
const GOOD_CARD = testPaymentMethod('4242 4242 4242 4242');
const DECLINED_CARD = testPaymentMethod('4000 0000 0000 0002');
/** Each call of the page's API, with a body it would take. */
const EVERY_CALL = [
  ['phone', { phone: PHONE }],
  ['code', { code: '123456' }],
  ['subscribe', GOOD_CARD],
] as const;

const t = testServiceEachTest();

async function verifiedSession() {
  // Past the resend cool-down and the 10-minute send limit of the phone's earlier codes.
  t.clock.now += 11 * 60 * 1000;
  const session = await t.mint();
  expect((await t.post('phone', session.secret, { phone: PHONE })).status).toBe(200);
  const code = await t.latestCode();
  expect((await t.post('code', session.secret, { code })).status).toBe(200);
  return session;
}

describe('the page API, given a fresh session', () => {
  it('texts a 6-digit code to the parsed phone and answers with the number as read', async () => {
    const { secret } = await t.mint();
    const response = await t.post('phone', secret, { phone: PHONE });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      phone: '+1 415 555 0100',
      expires_at: '2026-11-22T12:10:00.000Z',
      resend_at: '2026-11-22T12:00:30.000Z',
      resend_after: 30,
    });
    expect(await t.latestCode('+14155550100')).toMatch(/^\d{6}$/);
  });

  it.each(['415 555 0100', '+1 123', 'call me', '+999 1234567'])(
    'refuses the phone %j with 400 and texts nothing',
    async (phone) => {
      const { secret } = await t.mint();
      const response = await t.post('phone', secret, { phone });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { code: 'invalid_phone', param: 'phone' },
      });
      await expect(t.latestCode()).rejects.toThrow(/no code/);
    },
  );

  it('refuses payment before the phone is verified (403), and charges nothing', async () => {
    const { secret } = await t.mint();
    const response = await t.post('subscribe', secret, GOOD_CARD);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'phone_not_verified' } });
    expect(t.rows('payments')).toHaveLength(0);
  });

  it('stores only an HMAC of the code, never the code', async () => {
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: PHONE });
    const code = await t.latestCode();
    const dump = JSON.stringify(t.rows('checkout_sessions'));
    expect(dump).toMatch(/[0-9a-f]{64}/);
    expect(dump).not.toContain(code);
  });
});

describe('the page API, checking codes', () => {
  it('counts wrong codes: after 5 checks even the right code gets 429', async () => {
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: PHONE });
    const code = await t.latestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const lefts: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.post('code', secret, { code: wrong });
      expect(response.status).toBe(422);
      lefts.push(
        ((await response.json()) as { error: { attempts_left: number } }).error.attempts_left,
      );
    }
    expect(lefts).toEqual([4, 3, 2, 1, 0]);
    const right = await t.post('code', secret, { code });
    expect(right.status).toBe(429);
    expect(await right.json()).toMatchObject({ error: { code: 'code_locked' } });
  });

  it('gives at most 5 evaluations to 20 parallel guesses', async () => {
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: PHONE });
    const code = await t.latestCode();
    const wrong = code === '000000' ? '111111' : '000000';
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.post('code', secret, { code: wrong }).then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 422)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
  });

  it('accepts only the latest code after a resend', async () => {
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: PHONE });
    const first = await t.latestCode();
    t.clock.now += 30_000;
    expect((await t.post('phone', secret, { phone: PHONE })).status).toBe(200);
    const second = await t.latestCode();
    if (first !== second) {
      expect((await t.post('code', secret, { code: first })).status).toBe(422);
    }
    expect((await t.post('code', secret, { code: second })).status).toBe(200);
  });

  it('lets a code expire after 10 minutes', async () => {
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: PHONE });
    const code = await t.latestCode();
    t.clock.now += 10 * 60 * 1000;
    const response = await t.post('code', secret, { code });
    expect(response.status).toBe(410);
    expect(await response.json()).toMatchObject({ error: { code: 'code_expired' } });
  });

  it("refuses one session's code in another session", async () => {
    const a = await t.mint();
    const b = await t.mint();
    await t.post('phone', a.secret, { phone: PHONE });
    t.clock.now += 30_000;
    await t.post('phone', b.secret, { phone: PHONE });
    const codeB = await t.latestCode();
    const outbox = (await (await fetch(`${t.service.url}dev/outbox`)).json()) as {
      data: { body: string }[];
    };
    const codeA = /\b(\d{6})\b/.exec(outbox.data[1]!.body)![1]!;
    if (codeA !== codeB) {
      expect((await t.post('code', b.secret, { code: codeA })).status).toBe(422);
    }
  });

  it('allows 3 codes per session, then 429', async () => {
    const { secret } = await t.mint();
    for (const last of ['0100', '0101', '0102']) {
      expect((await t.post('phone', secret, { phone: `+1 415 555 ${last}` })).status).toBe(200);
    }
    const fourth = await t.post('phone', secret, { phone: '+1 415 555 0103' });
    expect(fourth.status).toBe(429);
    expect(await fourth.json()).toMatchObject({ error: { code: 'too_many_codes' } });
  });
});

describe('the page API, subscribing', () => {
  it('subscribes with 4242, stores customer and subscription, and completes the session', async () => {
    const session = await verifiedSession();
    const response = await t.post('subscribe', session.secret, GOOD_CARD);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { customer_id: string; subscription_id: string };
    expect(body).toEqual({
      status: 'succeeded',
      checkout_session_id: session.id,
      customer_id: expect.stringMatching(/^con_test_[0-9A-Z]{26}$/),
      subscription_id: expect.stringMatching(/^sub_test_[0-9A-Z]{26}$/),
    });
    expect(t.rows('customers')).toEqual([
      expect.objectContaining({ id: body.customer_id, phone: '+14155550100' }),
    ]);
    expect(t.rows('subscriptions')).toEqual([
      expect.objectContaining({
        id: body.subscription_id,
        customer_id: body.customer_id,
        checkout_session_id: session.id,
        status: 'active',
        cycle_end_at: '2026-12-22T12:11:00.000Z',
      }),
    ]);
    expect(t.rows('checkout_sessions')).toEqual([
      expect.objectContaining({ id: session.id, status: 'completed' }),
    ]);
    expect(t.rows('payments')).toEqual([
      expect.objectContaining({ amount: '49.00', status: 'succeeded' }),
    ]);
  });

  it('keeps the card number out of the database', async () => {
    const session = await verifiedSession();
    await t.post('subscribe', session.secret, GOOD_CARD);
    const dump = JSON.stringify(
      ['payment_methods', 'payments', 'checkout_sessions'].map((table) => t.rows(table)),
    );
    expect(dump).toContain('"last4":"4242"');
    expect(dump).not.toContain('4242424242424242');
  });

  it('declines 4000 0000 0000 0002 with a message, stores no subscription, and lets the customer retry', async () => {
    const session = await verifiedSession();
    const declined = await t.post('subscribe', session.secret, DECLINED_CARD);
    expect(declined.status).toBe(402);
    expect(await declined.json()).toEqual({
      error: { code: 'card_declined', message: 'Your card was declined. Try another card.' },
    });
    expect(t.rows('subscriptions')).toHaveLength(0);
    expect(t.rows('customers')).toHaveLength(0);
    expect(t.rows('payments')).toEqual([
      expect.objectContaining({ status: 'failed', failure_code: 'card_declined' }),
    ]);

    expect((await t.post('subscribe', session.secret, GOOD_CARD)).status).toBe(200);
    expect(t.rows('subscriptions')).toHaveLength(1);
  });

  it('declines 4000 0000 0000 9995 for insufficient funds', async () => {
    const session = await verifiedSession();
    const response = await t.post(
      'subscribe',
      session.secret,
      testPaymentMethod('4000000000009995'),
    );
    expect(response.status).toBe(402);
    expect(await response.json()).toMatchObject({ error: { code: 'insufficient_funds' } });
  });

  it.each([
    ['a made-up reference', { payment_method: 'pm_made_up' }, 'invalid_payment_method'],
    ['a card number', { card_number: '4242424242424242' }, 'invalid_request'],
  ])('refuses %s without counting an attempt', async (_, body, code) => {
    const session = await verifiedSession();
    const response = await t.post('subscribe', session.secret, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code } });
    expect(t.rows('checkout_sessions')[0]).toMatchObject({ payment_attempts: 0 });
    expect(t.rows('payments')).toHaveLength(0);
  });

  it('declines an expired card, in words the customer understands', async () => {
    const session = await verifiedSession();
    const response = await t.post('subscribe', session.secret, {
      payment_method: 'pm_test.succeeds.visa.4242.10.2026',
    });
    await expectErrorAnswer(response, 402, {
      code: 'expired_card',
      message: 'Your card has expired. Try another card.',
      param: 'card_expiry',
    });
  });

  it('stops card testing: the 6th payment attempt gets 429', async () => {
    const session = await verifiedSession();
    for (let i = 0; i < 5; i++) {
      expect((await t.post('subscribe', session.secret, DECLINED_CARD)).status).toBe(402);
    }
    const sixth = await t.post('subscribe', session.secret, GOOD_CARD);
    expect(sixth.status).toBe(429);
    expect(await sixth.json()).toMatchObject({
      error: { code: 'too_many_payment_attempts_in_session' },
    });
    expect(t.rows('subscriptions')).toHaveLength(0);
  });

  it('charges once and subscribes once on a double submit', async () => {
    const session = await verifiedSession();
    const statuses = await Promise.all([
      t.post('subscribe', session.secret, GOOD_CARD).then((r) => r.status),
      t.post('subscribe', session.secret, GOOD_CARD).then((r) => r.status),
    ]);
    expect(statuses.sort()).toEqual([200, 409]);
    expect(t.rows('subscriptions')).toHaveLength(1);
    expect(t.rows('payments')).toHaveLength(1);
  });

  it('refuses every call on a completed session with 409', async () => {
    const session = await verifiedSession();
    await t.post('subscribe', session.secret, GOOD_CARD);
    for (const [path, body] of EVERY_CALL) {
      const response = await t.post(path, session.secret, body);
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: 'session_completed' } });
    }
  });

  it('completes right after the code, without a card or a charge, when the phone already has this plan', async () => {
    const first = await verifiedSession();
    const a = (await (await t.post('subscribe', first.secret, GOOD_CARD)).json()) as {
      customer_id: string;
      subscription_id: string;
    };
    t.clock.now += 11 * 60 * 1000;
    const second = await t.mint();
    await t.post('phone', second.secret, { phone: PHONE });
    const verified = await t.post('code', second.secret, { code: await t.latestCode() });
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({
      verified: true,
      already_subscribed: {
        status: 'succeeded',
        checkout_session_id: second.id,
        customer_id: a.customer_id,
        subscription_id: a.subscription_id,
      },
    });
    expect(t.rows('checkout_sessions').map((row) => row.status)).toEqual([
      'completed',
      'completed',
    ]);
    const card = await t.post('subscribe', second.secret, GOOD_CARD);
    expect(card.status).toBe(409);
    expect(t.rows('payments')).toHaveLength(1);
    expect(t.rows('subscriptions')).toEqual([
      expect.objectContaining({ id: a.subscription_id, status: 'active' }),
    ]);
  });

  it("reuses the phone's customer for a session minted with a reference id, and charges once", async () => {
    const first = await verifiedSession();
    const a = (await (await t.post('subscribe', first.secret, GOOD_CARD)).json()) as {
      customer_id: string;
    };
    const db = new Database(join(t.dataDir, 'checkout.sqlite'));
    db.prepare("update subscriptions set status = 'cancelled'").run();
    db.close();

    t.clock.now += 11 * 60 * 1000;
    const session = await t.mint({ customer_id: 'user_42' });
    await t.post('phone', session.secret, { phone: PHONE });
    await t.post('code', session.secret, { code: await t.latestCode() });
    const response = await t.post('subscribe', session.secret, GOOD_CARD);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ customer_id: a.customer_id });
    expect(t.rows('customers')).toHaveLength(1);
    expect(t.rows('payments').map((row) => row.status)).toEqual(['succeeded', 'succeeded']);
    expect(t.rows('subscriptions').filter((row) => row.status === 'active')).toHaveLength(1);
  });
});

describe('the page API, given a bad or old session', () => {
  it('answers 401 without a bearer secret, or with a forged one', async () => {
    const { secret } = await t.mint();
    const forged = `${secret.slice(0, -2)}${secret.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of ['', 'nonsense', forged]) {
      const response = await t.post('phone', bad, { phone: PHONE });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'session_invalid' } });
    }
  });

  it('answers 410 on every endpoint once 60 minutes have passed', async () => {
    const session = await t.mint();
    t.clock.now += 60 * 60 * 1000;
    for (const [path, body] of EVERY_CALL) {
      const response = await t.post(path, session.secret, body);
      expect(response.status).toBe(410);
      expect(await response.json()).toMatchObject({ error: { code: 'session_expired' } });
    }
  });

  it('refuses a session minted for a plan of another merchant', async () => {
    const { secret } = await t.mint({ plan_id: 'sc_test_01KK2NQPK7CXRHEW42Z4X4M06R' });
    expect((await t.post('phone', secret, { phone: PHONE })).status).toBe(401);
  });
});
