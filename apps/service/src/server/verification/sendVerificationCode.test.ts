import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { merchantApi } from '../testing/merchantApi.ts';
import { testPaymentMethod } from '../testing/startTestService.ts';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

const PHONE = '+1 415 555 0100';
const SECOND = 1000;
const MINUTE = 60 * SECOND;

let sms: { to: string; body: string }[];
beforeEach(() => {
  sms = [];
});
// Behind a proxy we run, so each test can speak from the addresses it needs.
const t = testServiceEachTest({
  config: { trustedProxies: 1 },
  parts: {
    sms: {
      send: async (message) => {
        sms.push(message);
      },
    },
  },
});

/** Asks for a code for `phone` in a fresh session, from `ip`. */
async function sendFromFreshSession(phone = PHONE, ip = '203.0.113.1') {
  const { secret } = await t.mint();
  return t.post('phone', secret, { phone }, { 'x-forwarded-for': ip });
}

/** Sends from a fresh session and waits, once for each wait: every send is accepted. */
async function sendEachThenWait(...waits: number[]) {
  for (const wait of waits) {
    expect((await sendFromFreshSession()).status).toBe(200);
    t.clock.now += wait;
  }
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('codes to one phone, across sessions', () => {
  it('refuses the 4th send within 10 minutes with 429 and Retry-After, even from fresh sessions', async () => {
    await sendEachThenWait(30 * SECOND, 60 * SECOND, 4 * MINUTE);

    const fourth = await sendFromFreshSession();
    expect(fourth.status).toBe(429);
    expect(await errorOf(fourth)).toMatchObject({ code: 'too_many_sends' });
    // The first send leaves the 10-minute window 10 minutes after it was made: 4.5 minutes on.
    expect(fourth.headers.get('retry-after')).toBe(String(10 * 60 - 5.5 * 60));
    expect(sms).toHaveLength(3);

    t.clock.now += 4.5 * MINUTE;
    expect((await sendFromFreshSession()).status).toBe(200);
  });

  it('makes the resend cool-down 30 s, then doubling', async () => {
    expect((await sendFromFreshSession()).status).toBe(200);
    const tooSoon = await sendFromFreshSession();
    expect(tooSoon.status).toBe(429);
    expect(await errorOf(tooSoon)).toMatchObject({ code: 'resend_too_soon' });
    expect(tooSoon.headers.get('retry-after')).toBe('30');

    t.clock.now += 30 * SECOND;
    const second = await sendFromFreshSession();
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({
      resend_at: new Date(t.clock.now + 60 * SECOND).toISOString(),
      resend_after: 60,
    });
    t.clock.now += 59 * SECOND;
    const early = await sendFromFreshSession();
    expect(early.status).toBe(429);
    expect(early.headers.get('retry-after')).toBe('1');
    t.clock.now += 1 * SECOND;
    expect((await sendFromFreshSession()).status).toBe(200);
    expect(sms).toHaveLength(3);
  });

  it('starts the cool-down afresh after 10 quiet minutes', async () => {
    await sendEachThenWait(30 * SECOND, 11 * MINUTE);
    const response = await sendFromFreshSession();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      resend_at: new Date(t.clock.now + 30 * SECOND).toISOString(),
    });
  });

  it('allows 10 codes a day to one phone', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await sendFromFreshSession()).status).toBe(200);
      t.clock.now += 11 * MINUTE;
    }
    const eleventh = await sendFromFreshSession();
    expect(eleventh.status).toBe(429);
    expect(await errorOf(eleventh)).toMatchObject({ code: 'too_many_sends' });
    // The first of the day's ten was sent 110 minutes ago.
    expect(eleventh.headers.get('retry-after')).toBe(String(24 * 60 * 60 - 110 * 60));
  });
});

describe('codes from one IP address, across sessions and phones', () => {
  it('refuses the 11th send within an hour', async () => {
    for (let i = 0; i < 10; i++) {
      const phone = `+1 415 555 01${String(i).padStart(2, '0')}`;
      expect((await sendFromFreshSession(phone, '198.51.100.7')).status).toBe(200);
    }
    const eleventh = await sendFromFreshSession('+1 415 555 0110', '198.51.100.7');
    expect(eleventh.status).toBe(429);
    expect(await errorOf(eleventh)).toMatchObject({ code: 'too_many_sends_from_address' });
    expect(eleventh.headers.get('retry-after')).toBe('3600');
    // Another address is not held back by this one.
    expect((await sendFromFreshSession('+1 415 555 0110', '198.51.100.8')).status).toBe(200);
  });
});

describe('where codes may go', () => {
  it.each([
    ['a premium-rate number', '+1 900 555 0100', 'phone_not_textable', 'Use a mobile number'],
    ['a country outside the list', '+234 803 123 4567', 'phone_country_not_allowed', 'country'],
  ])('refuses %s with a clear message and texts nothing', async (_, phone, code, words) => {
    const response = await sendFromFreshSession(phone);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code, param: 'phone' });
    expect(error.message).toContain(words);
    expect(sms).toHaveLength(0);
  });

  it("follows the merchant's own list of countries", async () => {
    const db = new Database(join(t.dataDir, 'checkout.sqlite'));
    db.prepare(`update merchants set sms_countries = '["NG"]'`).run();
    db.close();
    expect((await sendFromFreshSession('+234 803 123 4567')).status).toBe(200);
    expect((await sendFromFreshSession('+1 415 555 0100')).status).toBe(400);
  });
});

describe('known and unknown phones', () => {
  it('get the same answers', async () => {
    // +1 415 555 0100 becomes a customer; +1 415 555 0199 never does.
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: PHONE });
    await t.post('code', secret, { code: /\b(\d{6})\b/.exec(sms[0]?.body ?? '')?.[1] });
    expect((await t.post('subscribe', secret, testPaymentMethod())).status).toBe(200);
    t.clock.now += 11 * MINUTE;

    const answers = [];
    for (const phone of ['+1 415 555 0100', '+1 415 555 0199']) {
      const first = await sendFromFreshSession(phone, '192.0.2.1');
      const again = await sendFromFreshSession(phone, '192.0.2.2');
      answers.push({
        first: { status: first.status, body: await first.text() },
        again: {
          status: again.status,
          retryAfter: again.headers.get('retry-after'),
          body: await again.text(),
        },
      });
    }
    expect(answers[1]).toEqual({
      ...answers[0],
      first: { ...answers[0]?.first, body: answers[0]?.first.body.replace('0100', '0199') },
    });
  });
});

describe('a returning customer (a session minted with customer_id)', () => {
  async function existingCustomer(): Promise<string> {
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: PHONE });
    await t.post('code', secret, { code: /\b(\d{6})\b/.exec(sms[0]?.body ?? '')?.[1] });
    const response = await t.post('subscribe', secret, testPaymentMethod());
    t.clock.now += 11 * MINUTE;
    return ((await response.json()) as { customer_id: string }).customer_id;
  }

  it('gets the code on the phone on file, shown by its last digits only', async () => {
    const customerId = await existingCustomer();
    const { secret } = await t.mint({ customer_id: customerId });
    const response = await t.post('phone', secret, {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ phone: '•••• 0100' });
    expect(sms.at(-1)?.to).toBe('+14155550100');
  });

  it('cannot have the code sent to another number', async () => {
    const customerId = await existingCustomer();
    const { secret } = await t.mint({ customer_id: customerId });
    const response = await t.post('phone', secret, { phone: '+1 415 555 0199' });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'invalid_request' });
    expect(sms.filter((m) => m.to === '+14155550199')).toHaveLength(0);
  });

  it('is found by the reference id the merchant gave it, when the server helper minted the session with it', async () => {
    const api = merchantApi(t, t.devMerchant.secretKey);
    const created = await api<{ customer_id: string }>('POST', 'customers', {
      phone: '+1 415 555 0123',
      reference_id: 'user_42',
    });
    expect(created.status).toBe(201);
    // createCheckoutSession mints offline: the token carries the reference id itself.
    const { id, secret } = await t.mint({ customer_id: 'user_42' });
    const html = await (await fetch(`${t.service.url}embed/checkout/${secret}`)).text();
    const bootstrap = JSON.parse(
      /<script id="lava-bootstrap" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ??
        'null',
    ) as Record<string, unknown>;
    // The returning customer's step: no phone field, the number on file by its last digits.
    expect(bootstrap).toMatchObject({
      status: 'active',
      step: 'phone',
      returning: { phoneLast4: '0123' },
      phoneInput: null,
    });
    const sent = await t.post('phone', secret, {});
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({ phone: '•••• 0123' });
    expect(sms.at(-1)?.to).toBe('+14155550123');
    const code = /\b(\d{6})\b/.exec(sms.at(-1)?.body ?? '')?.[1];
    expect((await t.post('code', secret, { code })).status).toBe(200);
    const paid = await t.post('subscribe', secret, testPaymentMethod());
    expect(await paid.json()).toMatchObject({ customer_id: created.body.customer_id });
    expect((await api('GET', `checkout_sessions/${id}`)).body).toMatchObject({
      customer_id: created.body.customer_id,
    });
  });

  it('types a number when the merchant made the customer without one', async () => {
    const api = merchantApi(t, t.devMerchant.secretKey);
    await api('POST', 'customers', { reference_id: 'user_7' });
    const { secret } = await t.mint({ customer_id: 'user_7' });
    expect((await t.post('phone', secret, {})).status).toBe(400);
    expect((await t.post('phone', secret, { phone: PHONE })).status).toBe(200);
    expect(sms.at(-1)?.to).toBe('+14155550100');
  });

  it('is a new customer when a reference id names nobody of this merchant', async () => {
    const { secret } = await t.mint({ customer_id: 'user_nobody' });
    expect((await t.post('phone', secret, {})).status).toBe(400);
    expect((await t.post('phone', secret, { phone: PHONE })).status).toBe(200);
  });

  it('is a new customer when customer_id names nobody of this merchant', async () => {
    const { secret } = await t.mint({ customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK' });
    expect((await t.post('phone', secret, {})).status).toBe(400);
    expect((await t.post('phone', secret, { phone: PHONE })).status).toBe(200);
  });
});
