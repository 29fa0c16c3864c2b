import { describe, expect, it } from 'vitest';
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
    expect(addressLimitKey(ip)).toBe(key);
  });
});
