import { describe, expect, it } from 'vitest';
import { createTestResolver } from '../testing/createTestResolver.ts';
import { checkEndpointHost, endpointUrl } from './endpointUrl.ts';

describe('endpointUrl', () => {
  it.each([
    ['https://example.com/hook', true, true],
    ['https://hooks.example.com./hook', true, true],
    ['http://127.0.0.1:9000/hook', true, false],
    ['http://localhost:9000/hook', true, false],
    ['https://127.0.0.1/hook', true, false],
    ['https://[::1]/hook', true, false],
    ['https://localhost./hook', true, false],
    ['https://10.0.0.5/hook', false, false],
    ['https://192.168.1.1/hook', false, false],
    ['https://172.20.0.1/hook', false, false],
    ['https://169.254.169.254/latest/meta-data', false, false],
    ['https://100.64.0.1/', false, false],
    ['https://[::ffff:127.0.0.1]:8443/', false, false],
    ['https://[::ffff:169.254.169.254]/', false, false],
    ['https://[::127.0.0.1]/', false, false],
    ['https://[fd00::1]/', false, false],
    ['https://[fe80::1]/', false, false],
    ['https://0.0.0.0/', false, false],
    ['https://2130706433/', true, false],
    ['https://metadata.google.internal/', false, false],
    ['https://metadata/', false, false],
    ['http://example.com/hook', false, false],
    ['https://user:pass@example.com/hook', false, false],
    ['ftp://example.com/hook', false, false],
  ])('%s: in development %s, in production %s', (url, development, production) => {
    expect(endpointUrl(false).safeParse(url).success).toBe(development);
    expect(endpointUrl(true).safeParse(url).success).toBe(production);
  });

  it('says what is wrong with the host', () => {
    expect(endpointUrl(true).safeParse('https://100.64.0.1/').error?.issues[0]?.message).toBe(
      'its host 100.64.0.1 is a shared address (100.64.0.0/10), not a public host',
    );
    expect(
      endpointUrl(true).safeParse('https://[::ffff:169.254.169.254]/').error?.issues[0]?.message,
    ).toBe('its host ::ffff:a9fe:a9fe is an IPv4-mapped IPv6 address, not a public host');
  });
});

describe('checkEndpointHost', () => {
  const production = (names: Record<string, string>) => ({
    allowLoopback: false,
    resolve: createTestResolver(names).resolve,
  });

  it('takes a URL whose host resolves to public addresses', async () => {
    await expect(
      checkEndpointHost('https://hooks.example.com/lava', production({})),
    ).resolves.toBeUndefined();
  });

  it('refuses, naming url, a host that resolves to loopback or a private address', async () => {
    await expect(
      checkEndpointHost(
        'https://hooks.example.org/lava',
        production({ 'hooks.example.org': '127.0.0.1' }),
      ),
    ).rejects.toMatchObject({
      code: 'invalid_request',
      details: { param: 'url' },
      message:
        'Lava Checkout: url is invalid: hooks.example.org resolves to 127.0.0.1, a loopback address (this machine), not a public host. Use the public https URL of your endpoint.',
    });
    await expect(
      checkEndpointHost(
        'https://hooks.example.org/lava',
        production({ 'hooks.example.org': '172.31.0.2' }),
      ),
    ).rejects.toThrow('hooks.example.org resolves to 172.31.0.2, a private network address');
  });

  it('refuses a host that does not resolve', async () => {
    await expect(
      checkEndpointHost('https://nowhere.example.org/lava', production({})),
    ).rejects.toMatchObject({
      details: { param: 'url' },
      message:
        'Lava Checkout: url is invalid: its host nowhere.example.org does not resolve (ENOTFOUND). Use the public https URL of your endpoint.',
    });
  });
});
