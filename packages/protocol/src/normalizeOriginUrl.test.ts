import { describe, expect, it } from 'vitest';
import { normalizeOriginUrl } from './normalizeOriginUrl.ts';

describe('normalizeOriginUrl', () => {
  it.each([
    ['https://yourapp.com', 'https://yourapp.com'],
    ['https://yourapp.com/', 'https://yourapp.com'],
    ['https://app.yourapp.co.uk:8443', 'https://app.yourapp.co.uk:8443'],
    ['https://203.0.113.7', 'https://203.0.113.7'],
    ['http://localhost:4000/', 'http://localhost:4000'],
    ['http://127.0.0.1:5173', 'http://127.0.0.1:5173'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
  ])('takes %s as %s', (value, origin) => {
    expect(normalizeOriginUrl(value)).toEqual({ ok: true, origin });
  });

  it.each([
    ['https://*', /characters no origin has/],
    ['https://*.yourapp.com', /characters no origin has/],
    ['https://a$b.com', /characters no origin has/],
    ['https://yourapp.com"', /characters no origin has/],
    ['https://your app.com', /characters no origin has/],
    ['https://intranet', /not a real host name/],
    ['https://-bad-.com', /not a real host name/],
    ['http://example.com', /https:/],
    ['ftp://yourapp.com', /must use https:/],
    ['javascript:alert(1)', /must use https:/],
    ['https://yourapp.com/app', /path/],
    ['https://user:pw@yourapp.com', /credentials/],
    ['yourapp.com', /absolute URL/],
    ['', /missing/],
    [42, /missing/],
  ])('refuses %j and says why', (value, why) => {
    const result = normalizeOriginUrl(value);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(why);
  });
});
