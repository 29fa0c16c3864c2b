import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LavaWebhookSignatureError, verifyWebhook } from './verifyWebhook.ts';

const SECRET = 'whsec_0123456789';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 0);
const body = JSON.stringify({
  id: 'evt_test_1',
  event: 'customer.created',
  created_at: '2026-11-22T12:00:00.000Z',
  data: { customer_id: 'con_1' },
});
const sign = (t: number, payload = body, secret = SECRET) =>
  `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex')}`;
const t = NOW / 1000;
const now = () => NOW;

describe('verifyWebhook', () => {
  it('returns the event of a body signed with the secret, as a string or as bytes', async () => {
    await expect(verifyWebhook(body, sign(t), SECRET, { now })).resolves.toMatchObject({
      id: 'evt_test_1',
      event: 'customer.created',
    });
    await expect(
      verifyWebhook(new TextEncoder().encode(body), sign(t), SECRET, { now }),
    ).resolves.toMatchObject({ id: 'evt_test_1' });
  });

  it('accepts any of several v1 signatures, as during a secret rotation', async () => {
    const header = `${sign(t, body, 'old')},v1=${sign(t).split('v1=')[1]}`;
    await expect(verifyWebhook(body, header, SECRET, { now })).resolves.toMatchObject({
      id: 'evt_test_1',
    });
  });

  it.each([
    [
      'a tampered body',
      () => verifyWebhook(body.replace('con_1', 'con_2'), sign(t), SECRET, { now }),
      /signature mismatch/,
    ],
    [
      'the wrong secret',
      () => verifyWebhook(body, sign(t), 'whsec_other', { now }),
      /signature mismatch/,
    ],
    [
      'a timestamp 301 s old',
      () => verifyWebhook(body, sign(t - 301), SECRET, { now }),
      /timestamp too old/,
    ],
    [
      'a timestamp 301 s ahead',
      () => verifyWebhook(body, sign(t + 301), SECRET, { now }),
      /timestamp too new/,
    ],
    [
      'a signature for another timestamp',
      () => verifyWebhook(body, sign(t).replace(`t=${t}`, `t=${t - 1}`), SECRET, { now }),
      /signature mismatch/,
    ],
    [
      'a missing header',
      () => verifyWebhook(body, undefined, SECRET, { now }),
      /invalid signature format/,
    ],
    [
      'a bare hex header',
      () =>
        verifyWebhook(body, createHmac('sha256', SECRET).update(body).digest('hex'), SECRET, {
          now,
        }),
      /invalid signature format/,
    ],
    ['no secret', () => verifyWebhook(body, sign(t), '', { now }), /secret is missing/],
  ])('refuses %s', async (_, verify, message) => {
    const error = await verify().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LavaWebhookSignatureError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/^Lava Checkout: .+\. .+\.$/);
  });

  it('accepts a timestamp 300 s old, the tolerance', async () => {
    await expect(verifyWebhook(body, sign(t - 300), SECRET, { now })).resolves.toBeTruthy();
  });
});
