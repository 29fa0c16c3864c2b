import { describe, expect, it } from 'vitest';
import { endpointUrl } from './endpointUrl.ts';

describe('endpointUrl', () => {
  it.each([
    ['https://example.com/hook', true, true],
    ['http://127.0.0.1:9000/hook', true, false],
    ['http://localhost:9000/hook', true, false],
    ['https://127.0.0.1/hook', true, false],
    ['https://10.0.0.5/hook', true, false],
    ['https://192.168.1.1/hook', true, false],
    ['https://172.20.0.1/hook', true, false],
    ['https://169.254.169.254/latest/meta-data', true, false],
    ['https://[::1]/hook', true, false],
    ['http://example.com/hook', false, false],
    ['https://user:pass@example.com/hook', false, false],
    ['ftp://example.com/hook', false, false],
  ])('%s: in development %s, in production %s', (url, development, production) => {
    expect(endpointUrl(false).safeParse(url).success).toBe(development);
    expect(endpointUrl(true).safeParse(url).success).toBe(production);
  });
});
