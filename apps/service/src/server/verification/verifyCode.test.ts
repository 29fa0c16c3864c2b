import { describe, expect, it } from 'vitest';
import { testServiceEachTest } from '../testing/testServiceEachTest.ts';

const PHONE = '+1 415 555 0100';
const MINUTE = 60 * 1000;

const t = testServiceEachTest();

/** A fresh session with a code texted to `PHONE`; returns its secret and the right code. */
async function sessionWithCode() {
  // Past the resend cool-down and the 10-minute send limit of earlier codes.
  t.clock.now += 11 * MINUTE;
  const { secret } = await t.mint();
  expect((await t.post('phone', secret, { phone: PHONE })).status).toBe(200);
  const code = await t.latestCode();
  return { secret, code, wrong: code === '000000' ? '111111' : '000000' };
}

describe('wrong codes for one phone, across sessions', () => {
  it('lock the phone after 10 in an hour: no code is sent to it or accepted until the hour passes', async () => {
    for (let session = 0; session < 5; session++) {
      const { secret, wrong } = await sessionWithCode();
      const first = await t.post('code', secret, { code: wrong });
      expect(first.status).toBe(422);
      const second = await t.post('code', secret, { code: wrong });
      // The tenth wrong code, in the fifth session, is the one that locks the phone.
      expect(second.status).toBe(session < 4 ? 422 : 429);
    }
    t.clock.now += 11 * MINUTE;
    const sixth = await t.mint();
    const refused = await t.post('phone', sixth.secret, { phone: PHONE });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'phone_locked' } });
    // Locked at the tenth wrong code, 11 minutes ago: 49 minutes to go.
    expect(refused.headers.get('retry-after')).toBe(String(49 * 60));
    expect(t.rows('checkout_sessions').every((row) => row.status === 'open')).toBe(true);

    // A second before the lock ends, no code is sent; a second later one is, and it works.
    t.clock.now += 49 * MINUTE - 1000;
    const seventh = await t.mint();
    expect((await t.post('phone', seventh.secret, { phone: PHONE })).status).toBe(429);
    t.clock.now += 1000;
    expect((await t.post('phone', seventh.secret, { phone: PHONE })).status).toBe(200);
    const code = await t.latestCode();
    expect((await t.post('code', seventh.secret, { code })).status).toBe(200);
  });

  it('do not lock another phone', async () => {
    for (let session = 0; session < 5; session++) {
      const { secret, wrong } = await sessionWithCode();
      await t.post('code', secret, { code: wrong });
      await t.post('code', secret, { code: wrong });
    }
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: '+1 415 555 0101' });
    const code = await t.latestCode('+14155550101');
    expect((await t.post('code', secret, { code })).status).toBe(200);
  });

  it('forget wrong codes older than an hour', async () => {
    for (let session = 0; session < 5; session++) {
      const { secret, wrong } = await sessionWithCode();
      await t.post('code', secret, { code: wrong });
      if (session < 4) await t.post('code', secret, { code: wrong });
      t.clock.now += 5 * MINUTE;
    }
    // Nine wrong codes, the first ones now more than an hour old: one more does not lock.
    const { secret, code, wrong } = await sessionWithCode();
    expect((await t.post('code', secret, { code: wrong })).status).toBe(422);
    expect((await t.post('code', secret, { code })).status).toBe(200);
  });
});
