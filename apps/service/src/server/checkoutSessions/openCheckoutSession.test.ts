import { describe, expect, it } from 'vitest';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

const MINUTE = 60 * 1000;
const t = testServiceEachTest();

const page = (secret: string) => fetch(`${t.service.url}embed/checkout/${secret}`);

describe('a session nobody moved for 15 minutes', () => {
  it('is over: its page says so (410) and its API refuses with session_idle', async () => {
    const { secret } = await t.mint();
    expect((await page(secret)).status).toBe(200);
    t.clock.now += 15 * MINUTE + 1000;
    const response = await page(secret);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('"status":"idle"');
    const call = await t.post('phone', secret, { phone: '+1 415 555 0100' });
    expect(call.status).toBe(410);
    expect(await call.json()).toMatchObject({ error: { code: 'session_idle' } });
  });

  it('counts from the last step the customer took, not from the start', async () => {
    const { secret } = await t.mint();
    await page(secret);
    t.clock.now += 14 * MINUTE;
    expect((await t.post('phone', secret, { phone: '+1 415 555 0100' })).status).toBe(200);
    // 23 minutes after it opened, 9 after the code was sent: still going.
    t.clock.now += 9 * MINUTE;
    expect((await t.post('code', secret, { code: await t.latestCode() })).status).toBe(200);
  });
});
