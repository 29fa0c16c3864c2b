import { describe, expect, it } from 'vitest';
import { testPaymentMethod } from '../../testing/startTestService.ts';
import { startTestServiceForTest } from '../../testing/startTestServiceForTest.ts';
import { addressLimitKey } from './addressLimitKey.ts';

describe('addressLimitKey', () => {
  it.each([
    ['an IPv4 address', '198.51.100.7', '198.51.100.7'],
    ['an IPv4 address written as IPv6', '::ffff:198.51.100.7', '198.51.100.7'],
    ['an IPv6 address', '2001:db8:85a3:8d3:1319:8a2e:370:7348', '2001:db8:85a3:8d3::/64'],
    ['another address of its /64', '2001:db8:85a3:8d3::1', '2001:db8:85a3:8d3::/64'],
    ['an address of the next /64', '2001:db8:85a3:8d4::1', '2001:db8:85a3:8d4::/64'],
    ['what is not an address', 'unknown', 'unknown'],
  ])('counts %s (%s) as %s', (_, ip, key) => {
    expect(addressLimitKey(ip, true)).toBe(key);
  });

  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])(
    'counts no loopback address (%s) in development, and each in production',
    (ip) => {
      expect(addressLimitKey(ip, false)).toBeNull();
      expect(addressLimitKey(ip, true)).not.toBeNull();
    },
  );

  it('counts every other address in development', () => {
    expect(addressLimitKey('198.51.100.7', false)).toBe('198.51.100.7');
    expect(addressLimitKey('2001:db8::1', false)).toBe('2001:db8::/64');
  });

  it("lets a developer's own machine past the limits per address in development, not the limits per phone", async () => {
    const service = await startTestServiceForTest();
    // 12 checkouts from loopback within a minute: past the 10 codes and 10 payments an address
    // may have in an hour, each to a phone of its own.
    for (let i = 0; i < 12; i++) {
      const phone = `+1415555${String(110 + i).padStart(4, '0')}`;
      const { secret } = await service.mint();
      expect((await service.post('phone', secret, { phone })).status).toBe(200);
      const code = await service.latestCode(phone);
      expect((await service.post('code', secret, { code })).status).toBe(200);
      expect((await service.post('subscribe', secret, testPaymentMethod())).status).toBe(200);
      service.clock.now += 5_000;
    }
    // The phone's own limits hold: a 4th code to one number within 10 minutes is refused.
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const { secret } = await service.mint();
      statuses.push((await service.post('phone', secret, { phone: '+1 415 555 0100' })).status);
      service.clock.now += 2 * 60_000;
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});
