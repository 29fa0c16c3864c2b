import { describe, expect, it } from 'vitest';
import { createTestResolver, PUBLIC_TEST_ADDRESS } from '../../testing/createTestResolver.ts';
import {
  nonPublicAddress,
  nonPublicName,
  type PublicHostPolicy,
  resolvePublicHost,
} from './resolvePublicHost.ts';

describe('nonPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'a loopback address (this machine)'],
    ['127.8.9.10', 'a loopback address (this machine)'],
    ['::1', 'a loopback address (this machine)'],
    ['[::1]', 'a loopback address (this machine)'],
    ['10.0.0.5', 'a private network address'],
    ['172.20.0.1', 'a private network address'],
    ['192.168.1.1', 'a private network address'],
    ['169.254.169.254', 'a link-local address'],
    ['fe80::1', 'a link-local address'],
    ['100.64.0.1', 'a shared address (100.64.0.0/10)'],
    ['100.127.255.254', 'a shared address (100.64.0.0/10)'],
    ['fd00::1', 'a unique-local address'],
    ['fc12:3456::1', 'a unique-local address'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped IPv6 address'],
    ['::ffff:7f00:1', 'an IPv4-mapped IPv6 address'],
    ['::ffff:169.254.169.254', 'an IPv4-mapped IPv6 address'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped IPv6 address'],
    ['::7f00:1', 'an IPv4-compatible IPv6 address'],
    ['::a9fe:a9fe', 'an IPv4-compatible IPv6 address'],
    ['64:ff9b::7f00:1', 'an IPv4-embedded (NAT64) IPv6 address'],
    ['2002:7f00:1::', 'a 6to4 address'],
    ['0.0.0.0', 'an unspecified address'],
    ['0.1.2.3', 'an unspecified address'],
    ['::', 'an unspecified address'],
    ['224.0.0.1', 'a multicast address'],
    ['ff02::1', 'a multicast address'],
    ['255.255.255.255', 'a broadcast address'],
    ['192.0.2.10', 'a reserved or special-purpose address'],
    ['198.18.0.1', 'a reserved or special-purpose address'],
    ['240.0.0.1', 'a reserved or special-purpose address'],
    ['2001:db8::1', 'a reserved or special-purpose address'],
    ['not-an-ip', 'not an IP address'],
  ])('%s is %s', (address, words) => {
    expect(nonPublicAddress(address, false)).toBe(words);
  });

  it.each(['8.8.8.8', PUBLIC_TEST_ADDRESS, '2606:4700:4700::1111', '[2a00:1450:4001:80e::200e]'])(
    '%s is public',
    (address) => {
      expect(nonPublicAddress(address, false)).toBeNull();
    },
  );

  it('accepts loopback when allowed, and nothing else that is not public', () => {
    expect(nonPublicAddress('127.0.0.1', true)).toBeNull();
    expect(nonPublicAddress('::1', true)).toBeNull();
    expect(nonPublicAddress('::ffff:127.0.0.1', true)).toBe('an IPv4-mapped IPv6 address');
    expect(nonPublicAddress('10.0.0.1', true)).toBe('a private network address');
    expect(nonPublicAddress('169.254.169.254', true)).toBe('a link-local address');
  });
});

describe('nonPublicName', () => {
  it.each([
    ['localhost', 'a name of this machine'],
    ['localhost.', 'a name of this machine'],
    ['LOCALHOST', 'a name of this machine'],
    ['app.localhost', 'a name of this machine'],
    ['metadata.google.internal', 'a name under .internal, which is never public'],
    ['metadata.google.internal.', 'a name under .internal, which is never public'],
    ['printer.local', 'a name under .local, which is never public'],
    ['router.home.arpa', 'a name under .arpa, which is never public'],
    ['1.0.0.127.in-addr.arpa', 'a name under .arpa, which is never public'],
    ['hooks.test', 'a name under .test, which is never public'],
    ['metadata', 'a name without a domain'],
    ['metadata.', 'a name without a domain'],
  ])('%s is %s', (name, words) => {
    expect(nonPublicName(name, false)).toBe(words);
  });

  it('takes public names, and the names of this machine when loopback is allowed', () => {
    expect(nonPublicName('hooks.example.com', false)).toBeNull();
    expect(nonPublicName('hooks.example.com.', false)).toBeNull();
    expect(nonPublicName('localhost', true)).toBeNull();
    expect(nonPublicName('app.localhost.', true)).toBeNull();
    expect(nonPublicName('metadata.google.internal', true)).not.toBeNull();
  });
});

describe('resolvePublicHost', () => {
  const policy = (names: Record<string, string>, allowLoopback = false) => {
    const resolver = createTestResolver(names);
    return { resolver, policy: { allowLoopback, resolve: resolver.resolve } as PublicHostPolicy };
  };

  it('returns the addresses of a name that resolves to public ones', async () => {
    const { policy: p } = policy({});
    expect(await resolvePublicHost('hooks.example.com', p)).toEqual([
      { address: PUBLIC_TEST_ADDRESS, family: 4 },
    ]);
  });

  it('refuses a name that resolves to loopback, naming both, unless loopback is allowed', async () => {
    const { policy: production } = policy({ 'hooks.example.org': '127.0.0.1' });
    await expect(resolvePublicHost('hooks.example.org', production)).rejects.toMatchObject({
      code: 'ERR_NOT_PUBLIC_HOST',
      message: 'hooks.example.org resolves to 127.0.0.1, a loopback address (this machine)',
    });
    const { policy: development } = policy({ 'hooks.example.org': '127.0.0.1' }, true);
    expect(await resolvePublicHost('hooks.example.org', development)).toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const resolve: PublicHostPolicy['resolve'] = async () => [
      { address: '8.8.8.8', family: 4 },
      { address: 'fd00::1', family: 6 },
    ];
    await expect(
      resolvePublicHost('hooks.example.org', { allowLoopback: false, resolve }),
    ).rejects.toThrow('hooks.example.org resolves to fd00::1, a unique-local address');
  });

  it('checks a literal address without resolving it', async () => {
    const { resolver, policy: p } = policy({});
    await expect(resolvePublicHost('[::ffff:127.0.0.1]', p)).rejects.toThrow(
      '::ffff:127.0.0.1 is an IPv4-mapped IPv6 address',
    );
    await expect(resolvePublicHost('100.64.0.1', p)).rejects.toThrow(
      '100.64.0.1 is a shared address (100.64.0.0/10)',
    );
    expect(await resolvePublicHost('[2606:4700:4700::1111]', p)).toEqual([
      { address: '2606:4700:4700::1111', family: 6 },
    ]);
    expect(resolver.asked).toEqual([]);
  });

  it('refuses a name that is never public without asking the resolver', async () => {
    const { resolver, policy: p } = policy({
      'metadata.google.internal': PUBLIC_TEST_ADDRESS,
      'localhost.': PUBLIC_TEST_ADDRESS,
    });
    await expect(resolvePublicHost('metadata.google.internal', p)).rejects.toThrow(
      'metadata.google.internal is a name under .internal, which is never public',
    );
    await expect(resolvePublicHost('localhost.', p)).rejects.toThrow(
      'localhost. is a name of this machine',
    );
    expect(resolver.asked).toEqual([]);
  });

  it("passes on the resolver's error for a name that does not resolve", async () => {
    const { policy: p } = policy({});
    await expect(resolvePublicHost('hooks.example.org', p)).rejects.toMatchObject({
      code: 'ENOTFOUND',
    });
  });
});
