import Anthropic from '@anthropic-ai/sdk';
import { Lava } from '@lavapayments/nodejs';
import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import type { StartTimer } from '../gateway/relayResponse.ts';
import { createCounter } from '../testing/createCounter.ts';
import { gatewayServiceEachTest } from '../testing/gatewayServiceEachTest.ts';
import { leaveHalfway } from '../testing/leaveHalfway.ts';
import { FAKE_USAGE } from '../testing/startFakeProvider.ts';
import { streamedChatText } from '../testing/streamedChatText.ts';
import { subscriberPastSendLimits } from '../testing/subscriberPastSendLimits.ts';

// The official OpenAI and Anthropic clients (and Gemini's REST shape through fetch), pointed at
// the published SDK's provider URLs and holding a customer's forward token, against the mounted
// service: each call is recorded with the tokens the provider reported, and billed.
const PHONE = '+14155550100';
/** Counts the relays whose client left mid-answer (the relay then starts its drain timer). */
let clientsGone: ReturnType<typeof createCounter>;
const startTimer: StartTimer = (ms, fire) => {
  clientsGone.add();
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
};
const { t, fake } = gatewayServiceEachTest({
  providers: ['OPENAI', 'ANTHROPIC', 'GOOGLE'],
  parts: { gatewayStartTimer: startTimer },
});
let lava: Lava;
let token: string;

beforeEach(async () => {
  clientsGone = createCounter();
  lava = new Lava(t.devMerchant.secretKey, { baseUrl: `${t.service.url}v1/` });
  const customerId = await subscriberPastSendLimits(t, PHONE);
  token = lava.generateForwardToken({ customer_id: customerId, meter_slug: 'ai-chat-tokens' });
});

const openai = () => new OpenAI({ baseURL: lava.providers.openai, apiKey: token, maxRetries: 0 });
const anthropic = () =>
  new Anthropic({ baseURL: lava.providers.anthropic, apiKey: token, maxRetries: 0 });

/** The tokens a request is recorded with when the provider reported `FAKE_USAGE`. */
const reported = (cacheWrites: boolean) => ({
  input_tokens:
    FAKE_USAGE.inputTokens +
    FAKE_USAGE.cacheReadTokens +
    (cacheWrites ? FAKE_USAGE.cacheWriteTokens : 0),
  output_tokens: FAKE_USAGE.outputTokens,
});

/** Waits for the service to record `count` gateway calls (recorded once the answer ended). */
async function recorded(count: number) {
  const db = t.service.services.db;
  for (;;) {
    const rows = await db
      .selectFrom('usage_requests')
      .selectAll()
      .where('provider', 'is not', null)
      .orderBy('created_at')
      .execute();
    if (rows.length >= count) {
      expect(rows).toHaveLength(count);
      return rows.map((row) => ({
        ...row,
        usage: JSON.parse(row.usage) as { input_tokens: number; output_tokens: number },
      }));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function onlyRecord() {
  const [row] = await recorded(1);
  expect(row?.customer_id).toMatch(/^con_/);
  expect(Number(row?.charge)).toBeGreaterThan(0);
  return row;
}

describe('the openai client through the mounted gateway', () => {
  it('completes a chat, recorded with the tokens the provider reported', async () => {
    const completion = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('word0 word1 word2 word3 word4 ');
    expect(await onlyRecord()).toMatchObject({
      status: 'completed',
      model: 'gpt-4o-mini',
      usage: reported(false),
    });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  it('streams a chat that did not ask for usage, and records the usage all the same', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    expect(await streamedChatText(stream)).toBe('word0 word1 word2 word3 word4 ');
    expect(await onlyRecord()).toMatchObject({ status: 'completed', usage: reported(false) });
  });

  it('records Responses, streamed and not', async () => {
    const response = await openai().responses.create({ model: 'gpt-5', input: 'Hi' });
    expect(response.output_text).toBe('word0 word1 word2 word3 word4 ');
    const stream = await openai().responses.create({ model: 'gpt-5', input: 'Hi', stream: true });
    let completed = 0;
    for await (const event of stream) if (event.type === 'response.completed') completed += 1;
    expect(completed).toBe(1);
    for (const row of await recorded(2)) {
      expect(row).toMatchObject({
        status: 'completed',
        model: 'gpt-5',
        endpoint: '/v1/responses',
        usage: reported(false),
      });
    }
  });

  it('bills a streamed chat whose client aborts halfway: the gateway reads on to the usage', async () => {
    await leaveHalfway(fake, openai(), () => clientsGone.waitFor(1));
    const row = await onlyRecord();
    expect(row).toMatchObject({ status: 'client_gone', usage: reported(false) });
  });
});

describe('the Anthropic client through the mounted gateway', () => {
  it('creates a message, recorded with its cache tokens', async () => {
    const message = await anthropic().messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(message.usage.input_tokens).toBe(FAKE_USAGE.inputTokens);
    expect(await onlyRecord()).toMatchObject({
      status: 'completed',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      usage: reported(true),
    });
    expect(fake.requests[0]?.headers['x-api-key']).toBe(fake.apiKey);
  });

  it('streams a message, recorded with the client’s own final count', async () => {
    const final = await anthropic()
      .messages.stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .finalMessage();
    const row = await onlyRecord();
    expect(row).toMatchObject({ status: 'completed', usage: reported(true) });
    expect(row?.usage.output_tokens).toBe(final.usage.output_tokens);
  });

  it('bills a streamed message whose client aborts halfway', async () => {
    await leaveHalfway(fake, anthropic(), () => clientsGone.waitFor(1));
    expect(await onlyRecord()).toMatchObject({ status: 'client_gone', usage: reported(true) });
  });
});

describe('Gemini through the mounted gateway, by fetch', () => {
  const model = () => `${lava.providers.google}/v1beta/models/gemini-2.5-flash`;
  const body = JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] });
  const headers = () => ({ 'content-type': 'application/json', 'x-goog-api-key': token });

  it('records generateContent and streamGenerateContent with the usage of the last chunk', async () => {
    const whole = await fetch(`${model()}:generateContent`, {
      method: 'POST',
      headers: headers(),
      body,
    });
    expect(whole.status).toBe(200);
    await whole.text();
    const streamed = await fetch(`${model()}:streamGenerateContent?alt=sse`, {
      method: 'POST',
      headers: headers(),
      body,
    });
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toMatch(/usageMetadata/);
    for (const row of await recorded(2)) {
      expect(row).toMatchObject({
        status: 'completed',
        provider: 'google',
        model: 'gemini-2.5-flash',
        usage: reported(false),
      });
    }
    expect(fake.requests[0]?.headers['x-goog-api-key']).toBe(fake.apiKey);
  });
});
