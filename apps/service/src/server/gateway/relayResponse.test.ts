import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { providerSettingsFor } from '../testing/providerSettingsFor.ts';
import { FAKE_USAGE, type FakeProvider, startFakeProvider } from '../testing/startFakeProvider.ts';
import { type GatewayHarness, startGatewayHarness } from '../testing/startGatewayHarness.ts';
import type { RelayLimits, StartTimer } from './relayResponse.ts';

const SECRET_KEY = 'aks_test_relayResponse';
let fake: FakeProvider;
let gateway: GatewayHarness;

/** A drain timer the test fires itself. */
function manualTimer() {
  const timers: Array<{ ms: number; fire: () => void; cancelled: boolean }> = [];
  const start: StartTimer = (ms, fire) => {
    const timer = { ms, fire, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  return { start, timers };
}

/** How the relay answers in the tests that run now (each runs with both). */
let sink: 'node' | 'web' = 'node';

async function start(options: { limits?: Partial<RelayLimits>; startTimer?: StartTimer } = {}) {
  gateway = await startGatewayHarness({
    secretKey: SECRET_KEY,
    env: providerSettingsFor(fake, ['OPENAI', 'ANTHROPIC', 'GOOGLE']),
    sink,
    ...options,
  });
}

beforeEach(async () => {
  fake = await startFakeProvider();
});
afterEach(async () => {
  await gateway?.close();
  await fake.close();
  // Every connection is closed and what it set off has run: each relayed answer had exactly
  // one outcome.
  await new Promise((resolve) => setImmediate(resolve));
  const ids = gateway.outcomes.map((o) => o.requestId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(gateway.relayed());
});

const CHAT = 'https://api.openai.com/v1/chat/completions';
const call = (providerUrl: string, body: unknown, init: RequestInit = {}) =>
  fetch(`${gateway.baseUrl}forward?u=${encodeURIComponent(providerUrl)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...init,
  });

/** Reads a streamed answer until `events` server-sent events have come, keeping the reader open. */
async function readEvents(response: Response, events: number) {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/\n\n/g) ?? []).length < events) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { text, reader };
}

/** A streamed chat whose client reads `events` events and leaves; once the relay saw it go. */
async function chatLeftAfter(events: number) {
  const client = new AbortController();
  const response = await call(
    CHAT,
    { model: 'gpt-4o-mini', stream: true, messages: [] },
    { signal: client.signal },
  );
  await readEvents(response, events);
  client.abort();
  await gateway.waitForClientsGone(1);
}

const USAGE = {
  inputTokens: FAKE_USAGE.inputTokens,
  outputTokens: FAKE_USAGE.outputTokens,
  cacheReadTokens: FAKE_USAGE.cacheReadTokens,
  cacheWriteTokens: 0,
};

// Written to the Node response (the service over HTTP) and as a web-stream Response (a request
// dispatched in-process, as the MCP server's tools do).
describe.each(['node', 'web'] as const)('relayResponse, answering through %s', (each) => {
  beforeEach(() => {
    sink = each;
  });

  it('passes a whole JSON answer through as the provider sent it, and reads its usage once', async () => {
    await start();
    const response = await call(CHAT, { model: 'gpt-4o-mini', messages: [] });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-lava-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(text).usage.prompt_tokens).toBe(
      FAKE_USAGE.inputTokens + FAKE_USAGE.cacheReadTokens,
    );
    const [outcome, ...more] = await gateway.waitForOutcomes(1);
    expect(more).toEqual([]);
    expect(outcome).toMatchObject({
      end: 'completed',
      final: true,
      bytes: Buffer.byteLength(text),
      error: null,
    });
    expect(outcome?.usage).toEqual({
      ...USAGE,
      model: 'gpt-4o-mini',
      responseId: 'chatcmpl-fake-0001',
    });
    expect(outcome?.requestId).toBe(response.headers.get('x-lava-request-id'));
  });

  it('passes each streamed chunk on as it arrives, before the provider has sent the next', async () => {
    fake.set({ pauseAfter: 2 });
    await start();
    const response = await call(CHAT, { model: 'gpt-4o-mini', stream: true, messages: [] });
    // The provider has written two chunks and waits: both reach the client.
    const { text, reader } = await readEvents(response, 2);
    expect(text).toContain('"role":"assistant"');
    expect(text).toContain('word0');
    expect(gateway.outcomes).toEqual([]);
    fake.release();
    let rest = '';
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      rest += Buffer.from(read.value).toString();
    }
    expect(rest).toContain('data: [DONE]');
    const [outcome] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({ end: 'completed', final: true, usage: USAGE });
  });

  it('asks the provider for usage though the caller said not to, and reads it', async () => {
    await start();
    const response = await call(CHAT, {
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: false },
      messages: [],
    });
    await response.text();
    expect(JSON.parse(fake.requests[0]?.body ?? '').stream_options).toEqual({
      include_usage: true,
    });
    const [outcome] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({ end: 'completed', usage: USAGE });
  });

  it('reads on for the usage after the client has gone, then closes the provider connection', async () => {
    fake.set({ pauseAfter: 2 });
    await start();
    await chatLeftAfter(2);
    fake.release();
    const [outcome, ...more] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({ end: 'client_gone', final: true, usage: USAGE });
    expect(more).toEqual([]);
  });

  it('gives up after its time bound when the usage does not come, and says none was seen', async () => {
    fake.set({ pauseAfter: 2 });
    const timer = manualTimer();
    await start({ startTimer: timer.start, limits: { drainMs: 5000 } });
    await chatLeftAfter(2);
    // The relay drains, waiting on the provider, with one timer of the bound set.
    expect(gateway.outcomes).toEqual([]);
    expect(timer.timers.map((t) => t.ms)).toEqual([5000]);
    timer.timers[0]?.fire();
    const [outcome] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({ end: 'drain_timeout', usage: null, final: false });
    // ...and it closed the provider's connection.
    await fake.waitForAbandoned(1);
  });

  it('gives up after its byte bound when the usage does not come', async () => {
    fake.set({ pauseAfter: 1, hugeBytes: 8 << 20 });
    await start({ limits: { drainBytes: 256 << 10 } });
    await chatLeftAfter(1);
    fake.release();
    const [outcome] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({ end: 'drain_limit', usage: null });
    // It read just past the bound after the client left, not the 8 MiB.
    expect(outcome?.bytes).toBeLessThan(2 << 20);
    await fake.waitForAbandoned(1);
  });

  it('closes at once an answer it can no longer read usage from when the client leaves', async () => {
    fake.set({ pauseAfter: 2 });
    const timer = manualTimer();
    // A JSON answer larger than the relay holds: its usage cannot be read, so there is nothing to drain for.
    await start({ startTimer: timer.start, limits: { jsonBytes: 64 } });
    const client = new AbortController();
    const response = await call(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      { contents: [] },
      { signal: client.signal },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    client.abort();
    const [outcome] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({ end: 'client_gone', usage: null });
    expect(timer.timers).toEqual([]);
    await fake.waitForAbandoned(1);
  });

  it('hands over what a provider that broke off had said, once, and breaks the client stream', async () => {
    fake.set({ cutAfter: 3 });
    await start();
    const response = await call('https://api.anthropic.com/v1/messages', {
      model: 'claude-sonnet-4-5',
      stream: true,
      max_tokens: 100,
      messages: [],
    });
    await expect(response.text()).rejects.toThrow();
    const [outcome, ...more] = await gateway.waitForOutcomes(1);
    expect(more).toEqual([]);
    expect(outcome).toMatchObject({
      end: 'upstream_error',
      final: false,
      // message_start came: input and cache tokens, and the first output token.
      usage: {
        inputTokens: FAKE_USAGE.inputTokens,
        cacheReadTokens: FAKE_USAGE.cacheReadTokens,
        cacheWriteTokens: FAKE_USAGE.cacheWriteTokens,
        outputTokens: 1,
      },
    });
    expect(outcome?.error).toBeInstanceOf(Error);
  });

  it("passes a provider's error through with its status and body", async () => {
    fake.set({
      fail: { status: 429, body: { error: { message: 'Rate limit reached', type: 'requests' } } },
    });
    await start();
    const response = await call(CHAT, { model: 'gpt-4o-mini', messages: [] });
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: { message: 'Rate limit reached', type: 'requests' },
    });
    const [outcome] = await gateway.waitForOutcomes(1);
    expect(outcome).toMatchObject({ end: 'completed', usage: null });
  });

  it('reads Gemini usage from a streamed JSON array and from server-sent events', async () => {
    await start();
    const model = 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash';
    const array = await call(`${model}:streamGenerateContent`, { contents: [] });
    expect(array.headers.get('content-type')).toMatch(/^application\/json/);
    await array.text();
    const events = await call(`${model}:streamGenerateContent?alt=sse`, { contents: [] });
    await events.text();
    const outcomes = await gateway.waitForOutcomes(2);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({
        end: 'completed',
        final: true,
        usage: { ...USAGE, model: 'gemini-2.5-flash', responseId: 'fake-0001' },
      });
    }
  });
});

describe('relayResponse, written to the Node response', () => {
  beforeEach(() => {
    sink = 'node';
  });

  it("carries the service's security headers, under the provider's own caching", async () => {
    await start();
    const response = await call(CHAT, { model: 'gpt-4o-mini', messages: [] });
    await response.text();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('strict-transport-security')).toBeNull();
    // A stream's provider says how to cache it: its word stands.
    const streamed = await call(CHAT, { model: 'gpt-4o-mini', stream: true, messages: [] });
    await streamed.text();
    expect(streamed.headers.get('cache-control')).toBe('no-cache');
    expect(streamed.headers.get('x-content-type-options')).toBe('nosniff');
    await gateway.waitForOutcomes(2);
  });
});
