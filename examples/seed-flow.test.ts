import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  START,
  startTestService,
  type TestService,
} from '../apps/service/src/server/testing/startTestService.ts';
import { seedFlow as withPublishedSdk } from './seed-flow.published.ts';
import { seedFlow as withOurClient } from './seed-flow.ts';

let t: TestService;
let logged: string[];
beforeEach(async () => {
  // The seeds compute "30 days ago" from Date.now(): the same fake day as the service's clock.
  vi.useFakeTimers({ toFake: ['Date'], now: START });
  t = await startTestService();
  vi.stubEnv('LAVA_SECRET_KEY', t.devMerchant.secretKey);
  vi.stubEnv('LAVA_BASE_URL', `${t.service.url}v1/`);
  logged = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.join(' '));
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.useRealTimers();
  await t.close();
});

describe('examples/seed-flow', () => {
  it('is the same code for both clients, apart from the import line', () => {
    const ours = readFileSync(new URL('./seed-flow.ts', import.meta.url), 'utf8').split('\n');
    const published = readFileSync(new URL('./seed-flow.published.ts', import.meta.url), 'utf8').split('\n');
    const differing = ours.flatMap((line, i) => (line === published[i] ? [] : [[line, published[i]]]));
    expect(differing).toEqual([
      ["import { Lava } from '@lava-checkout/server';", "import { Lava } from '@lavapayments/nodejs';"],
    ]);
  });

  it.each([
    ['our client', withOurClient],
    ['the published @lavapayments/nodejs 11.2.0', withPublishedSdk],
  ])('runs Steps 1, 2, 3 and 5 with %s against the local service', async (_, seedFlow) => {
    await seedFlow();
    expect(logged).toEqual([
      expect.stringMatching(/^Meter ID: prd_test_[0-9A-Z]{26}$/),
      'Meter slug: ai-chat-tokens-2',
      expect.stringMatching(/^Plan ID: sc_test_[0-9A-Z]{26}$/),
      'Customer requests: 1',
      'Customer cost: 0.0000000000',
      'Plan: Pro Plan',
      // 25.00 included, less 1,500 tokens at $3.00 per million.
      'Credits remaining: 24.9955',
    ]);
  });

  it('runs 20 times in an hour from this machine, every time (development)', async () => {
    // Each run texts a code and pays from loopback: development holds no limit per address
    // against the developer's own machine, so the 11th run is no different from the first.
    for (let run = 0; run < 20; run++) {
      logged = [];
      await withOurClient();
      expect(logged).toEqual([
        expect.stringMatching(/^Meter ID: /),
        `Meter slug: ai-chat-tokens-${run + 2}`,
        expect.stringMatching(/^Plan ID: /),
        'Customer requests: 1',
        'Customer cost: 0.0000000000',
        'Plan: Pro Plan',
        'Credits remaining: 24.9955',
      ]);
      // Three minutes between runs, on the service's clock and the example's.
      t.clock.now += 3 * 60_000;
      vi.setSystemTime(t.clock.now);
    }
    expect(t.rows('sms_sends')).toHaveLength(20);
    expect(t.rows('payments').filter((payment) => payment.status === 'succeeded')).toHaveLength(20);
  });
});
