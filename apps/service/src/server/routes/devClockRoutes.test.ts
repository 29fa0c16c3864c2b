import { describe, expect, it } from 'vitest';
import { type TestService, testPaymentMethod } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { parseDuration } from './devClockRoutes.ts';

const moveClock = (service: TestService, body: unknown) =>
  fetch(`${service.service.url}dev/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('POST /dev/clock', () => {
  it('moves the clock and runs what became due: a month on, the subscription is renewed', async () => {
    const t = await startTestServiceForTest();
    const { secret } = await t.mint();
    await t.post('phone', secret, { phone: '+1 415 555 0100' });
    await t.post('code', secret, { code: await t.latestCode('+14155550100') });
    expect((await t.post('subscribe', secret, testPaymentMethod())).status).toBe(200);

    const moved = await moveClock(t, { advance: '31d' });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toEqual({ now: '2026-12-23T12:00:00.000Z' });
    const { db } = t.service.services;
    expect(
      await db.selectFrom('payments').select(['kind', 'status']).orderBy('created_at').execute(),
    ).toEqual([
      { kind: 'plan', status: 'succeeded' },
      { kind: 'renewal', status: 'succeeded' },
    ]);
    expect(
      (await db.selectFrom('subscriptions').select('cycle_start_at').executeTakeFirstOrThrow())
        .cycle_start_at,
    ).toBe('2026-12-22T12:00:00.000Z');
    expect(await (await fetch(`${t.service.url}dev/clock`)).json()).toEqual({
      now: '2026-12-23T12:00:00.000Z',
    });
  });

  it('refuses a duration it cannot read, saying how to write one, and leaves the clock', async () => {
    const t = await startTestServiceForTest();
    const refused = await moveClock(t, { advance: '31 days' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: expect.objectContaining({ code: 'invalid_request', param: 'advance' }),
    });
    expect(t.service.services.now().toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });

  it('is not there in production', async () => {
    const t = await startTestServiceForTest({ config: { production: true } });
    expect((await moveClock(t, { advance: '31d' })).status).toBe(404);
    expect((await fetch(`${t.service.url}dev/clock`)).status).toBe(404);
    expect(t.service.services.now().toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });
});

describe('parseDuration', () => {
  it('reads a number and a unit', () => {
    expect(parseDuration('31d')).toBe(31 * 86_400_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('90m')).toBe(90 * 60_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('-1d')).toBeNull();
    expect(parseDuration('1.5d')).toBeNull();
    expect(parseDuration(31)).toBeNull();
  });
});
