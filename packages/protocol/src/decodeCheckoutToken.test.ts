import { describe, expect, it } from 'vitest';
import { decodeCheckoutToken } from './decodeCheckoutToken.ts';
import { encodeCheckoutToken } from './encodeCheckoutToken.ts';

const SECRET = 'css_test_abcdefghijklmnop.qrstuvwxyz';
const tokenFor = (base: string) => encodeCheckoutToken({ secret: SECRET, base });

describe('decodeCheckoutToken', () => {
  it('decodes a token minted for an https base into the frame url and origin', () => {
    const result = decodeCheckoutToken(tokenFor('https://checkout.example.com/'));
    expect(result).toEqual({
      ok: true,
      token: {
        secret: SECRET,
        base: 'https://checkout.example.com/',
        origin: 'https://checkout.example.com',
        frameUrl: `https://checkout.example.com/embed/checkout/${SECRET}`,
      },
    });
  });

  it('points a customer session’s token at the account page', () => {
    const secret = 'lcs_test_abcdefghijklmnop.qrstuvwxyz';
    const result = decodeCheckoutToken(
      encodeCheckoutToken({ secret, base: 'https://checkout.example.com/' }),
    );
    expect(result.ok && result.token.frameUrl).toBe(
      `https://checkout.example.com/embed/account/${secret}`,
    );
  });

  it('reads the published format: standard base64 with padding', () => {
    const published = btoa(JSON.stringify({ secret: SECRET, base: 'https://www.lava.so/' }));
    expect(published.endsWith('=')).toBe(true);
    const result = decodeCheckoutToken(published);
    expect(result.ok && result.token.origin).toBe('https://www.lava.so');
  });

  it.each([
    'http://localhost:3000/',
    'http://127.0.0.1:4001/',
    'http://[::1]:4001/',
    'http://checkout.localhost/',
    'https://example.com/lava/',
  ])('accepts %s', (base) => {
    expect(decodeCheckoutToken(tokenFor(base)).ok).toBe(true);
  });

  it.each([
    ['javascript:alert(1)//', 'javascript:'],
    ['data:text/html,<script>alert(1)</script>/', 'data:'],
    ['http://evil.example/', 'http:'],
    ['ftp://example.com/', 'ftp:'],
    ['https://user:pass@example.com/', 'credentials'],
    ['https://example.com/?x=1/', 'query'],
    ['https://example.com', 'ending in "/"'],
    ['https://example.com/a', 'ending in "/"'],
    ['//example.com/', 'absolute'],
  ])('refuses base %s', (base, why) => {
    const result = decodeCheckoutToken(tokenFor(base));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(why);
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an empty string', ''],
    ['not base64', '%%%'],
    ['base64 of text', btoa('hello')],
    ['base64 of an array', btoa('[]')],
    ['no secret', btoa(JSON.stringify({ base: 'https://x.example/' }))],
    ['no base', btoa(JSON.stringify({ secret: SECRET }))],
    [
      'a secret with a slash',
      btoa(JSON.stringify({ secret: 'a/../../b12345', base: 'https://x.example/' })),
    ],
    ['an over-long token', 'A'.repeat(5000)],
  ])('gives a message and no token for %s', (_, value) => {
    const result = decodeCheckoutToken(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^Lava Checkout: the checkout session token is invalid: .+\. Pass /,
    );
  });

  it('never echoes the token or its secret in the message', () => {
    const token = tokenFor('javascript:alert(1)//');
    const result = decodeCheckoutToken(token);
    expect(!result.ok && result.message).not.toContain(token);
    expect(!result.ok && result.message).not.toContain(SECRET);
  });
});
