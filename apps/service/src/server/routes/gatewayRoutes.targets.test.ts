import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lava } from '@lavapayments/nodejs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestResolver } from '../testing/createTestResolver.ts';
import { seedLiveMerchant } from '../testing/seedLiveMerchant.ts';
import { type FakeProvider, startFakeProvider } from '../testing/startFakeProvider.ts';
import { startTestService, type TestService } from '../testing/startTestService.ts';

// A `u` that is not a known provider goes out with the caller's own key only, and in
// production only to a public address, checked after name resolution.
let t: TestService;
let fake: FakeProvider;
beforeEach(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await t.close();
  await fake.close();
});

const chat = (serviceUrl: string, secretKey: string, target: string, providerKey: string) => {
  const lava = new Lava(secretKey, { baseUrl: `${serviceUrl}v1/` });
  const token = lava.generateForwardToken({ provider_key: providerKey } as Parameters<
    Lava['generateForwardToken']
  >[0]);
  return fetch(`${serviceUrl}v1/forward?u=${encodeURIComponent(target)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
  });
};

describe('provider URLs the caller chose', () => {
  it('in production, refuses loopback, private and link-local targets, written or behind a name, saying how to fix the call', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
    const { secretKey } = await seedLiveMerchant(dataDir);
    const resolver = createTestResolver({
      'llm.example.org': '127.0.0.1',
      'intranet.example.org': '10.1.2.3',
      'metadata.example.org': '169.254.169.254',
    });
    t = await startTestService({
      dataDir,
      config: { production: true },
      parts: { resolveHost: resolver.resolve },
    });
    const port = new URL(fake.url).port;
    const refused = {
      [`http://127.0.0.1:${port}/v1/chat/completions`]: /127\.0\.0\.1 is a loopback address/,
      [`http://llm.example.org:${port}/v1/chat/completions`]:
        /llm\.example\.org resolves to 127\.0\.0\.1, a loopback address/,
      'http://intranet.example.org/v1/chat/completions':
        /resolves to 10\.1\.2\.3, a private network address/,
      'http://192.168.1.10/v1/chat/completions': /private network address/,
      'http://metadata.example.org/latest/meta-data':
        /resolves to 169\.254\.169\.254, a link-local address/,
      'http://169.254.169.254/latest/meta-data': /169\.254\.169\.254 is a link-local address/,
    };
    for (const [target, reason] of Object.entries(refused)) {
      const response = await chat(t.service.url, secretKey, target, fake.apiKey);
      expect(response.status, target).toBe(403);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code, target).toBe('target_not_allowed');
      expect(error.message, target).toMatch(reason);
      expect(error.message, target).toMatch(/public https URL/);
    }
    expect(resolver.asked).toEqual(
      expect.arrayContaining(['llm.example.org', 'intranet.example.org', 'metadata.example.org']),
    );
    expect(fake.requestCount()).toBe(0);
  });

  it('in development, calls a provider on loopback with the caller’s own key', async () => {
    t = await startTestService();
    const response = await chat(
      t.service.url,
      t.devMerchant.secretKey,
      `${fake.url}/v1/chat/completions`,
      fake.apiKey,
    );
    expect(response.status).toBe(200);
    expect(fake.requestCount()).toBe(1);
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });
});
