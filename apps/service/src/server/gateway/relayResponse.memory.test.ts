import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_USAGE, type FakeProvider, startFakeProvider } from '../testing/startFakeProvider.ts';
import { type GatewayHarness, startGatewayHarness } from '../testing/startGatewayHarness.ts';

const SECRET_KEY = 'aks_test_relayMemory';
const STREAMED = 100 * 1024 * 1024;
let fake: FakeProvider;
let gateway: GatewayHarness;

beforeAll(async () => {
  fake = await startFakeProvider({ hugeBytes: STREAMED });
  gateway = await startGatewayHarness({
    secretKey: SECRET_KEY,
    env: { LAVA_PROVIDER_OPENAI_KEY: fake.apiKey, LAVA_PROVIDER_OPENAI_URL: fake.url },
  });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

// A full collection before each sample, so that what is measured is what is still held, not
// garbage awaiting the collector.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory that held chunks would take: the JS heap and the Buffers outside it; and the process's. */
const held = () => {
  gc();
  const { heapUsed, arrayBuffers, rss } = process.memoryUsage();
  return { data: heapUsed + arrayBuffers, rss };
};
const MB = 1024 * 1024;

describe('relayResponse: memory', () => {
  it('streams 100 MB through the gateway with memory flat, and still reads the usage at its end', async () => {
    // The fake, the gateway and the client all run in this process: any of them holding the
    // stream would show here.
    const response = await fetch(
      `${gateway.baseUrl}forward?u=https://api.openai.com/v1/chat/completions`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [] }),
      },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const before = held();
    let peak = { ...before };
    let received = 0;
    let nextSample = 0;
    let tail = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      received += read.value.byteLength;
      if (received >= nextSample) {
        const now = held();
        peak = { data: Math.max(peak.data, now.data), rss: Math.max(peak.rss, now.rss) };
        nextSample += 4 * MB;
      }
      if (received > STREAMED) tail = (tail + Buffer.from(read.value).toString()).slice(-2000);
    }
    expect(received).toBeGreaterThan(STREAMED);
    expect(tail).toContain('data: [DONE]');
    const growth = { data: (peak.data - before.data) / MB, rss: (peak.rss - before.rss) / MB };
    console.info(
      `100 MB streamed: peak growth ${growth.data.toFixed(1)} MB of heap and buffers held, ${growth.rss.toFixed(1)} MB of RSS`,
    );
    expect(growth.data).toBeLessThan(32);
    expect(growth.rss).toBeLessThan(80);
    const [outcome] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({
      end: 'completed',
      usage: {
        inputTokens: FAKE_USAGE.inputTokens,
        outputTokens: FAKE_USAGE.outputTokens,
        cacheReadTokens: FAKE_USAGE.cacheReadTokens,
      },
    });
    expect(outcome?.bytes).toBe(received);
  }, 120_000);
});
