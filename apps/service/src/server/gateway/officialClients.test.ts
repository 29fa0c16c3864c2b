import Anthropic from '@anthropic-ai/sdk';
import { Lava } from '@lavapayments/nodejs';
import OpenAI from 'openai';
import { beforeEach, describe, expect, it } from 'vitest';
import { gatewayHarnessEachTest } from '../testing/gatewayHarnessEachTest.ts';
import { leaveHalfway } from '../testing/leaveHalfway.ts';
import { FAKE_USAGE } from '../testing/startFakeProvider.ts';
import { streamedChatText } from '../testing/streamedChatText.ts';

// The official OpenAI and Anthropic clients, pointed at the published SDK's provider URLs and
// holding a forward token, through the gateway's modules to a fake provider.
const SECRET_KEY = 'aks_test_officialClients';
const { fake, gateway } = gatewayHarnessEachTest(SECRET_KEY, ['OPENAI', 'ANTHROPIC']);
let openai: OpenAI;
let anthropic: Anthropic;

beforeEach(() => {
  const lava = new Lava(SECRET_KEY, { baseUrl: gateway.baseUrl });
  const token = lava.generateForwardToken({
    customer_id: 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK',
    meter_slug: 'ai-chat',
  });
  openai = new OpenAI({ baseURL: lava.providers.openai, apiKey: token, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: lava.providers.anthropic, apiKey: token, maxRetries: 0 });
});

/** What the fake reported, as the readers normalize it: OpenAI's shapes have no cache writes. */
const reported = (cacheWrites: boolean) => ({
  inputTokens: FAKE_USAGE.inputTokens,
  outputTokens: FAKE_USAGE.outputTokens,
  cacheReadTokens: FAKE_USAGE.cacheReadTokens,
  cacheWriteTokens: cacheWrites ? FAKE_USAGE.cacheWriteTokens : 0,
});

async function onlyOutcome() {
  const [outcome, ...more] = await gateway.waitForOutcomes(1);
  expect(more).toEqual([]);
  return outcome;
}

/** Leaves a streamed answer halfway; its one outcome is the usage read on to the end. */
async function expectBilledAfterLeaving(client: OpenAI | Anthropic, cacheWrites: boolean) {
  await leaveHalfway(fake, client, () => gateway.waitForClientsGone(1));
  expect(await onlyOutcome()).toMatchObject({
    end: 'client_gone',
    final: true,
    usage: reported(cacheWrites),
  });
}

describe('the openai client through the gateway', () => {
  it('completes a chat, and the usage read is what the provider reported', async () => {
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(completion.choices[0]?.message.content).toBe('word0 word1 word2 word3 word4 ');
    expect(completion.usage?.prompt_tokens).toBe(
      FAKE_USAGE.inputTokens + FAKE_USAGE.cacheReadTokens,
    );
    expect(await onlyOutcome()).toMatchObject({ end: 'completed', usage: reported(false) });
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  it('streams a chat that did not ask for usage, and the usage is read all the same', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
    });
    expect(await streamedChatText(stream)).toBe('word0 word1 word2 word3 word4 ');
    expect(await onlyOutcome()).toMatchObject({
      end: 'completed',
      final: true,
      usage: reported(false),
    });
  });

  it('reads the usage of Responses, streamed and not', async () => {
    const response = await openai.responses.create({ model: 'gpt-5', input: 'Hi' });
    expect(response.output_text).toBe('word0 word1 word2 word3 word4 ');
    const stream = await openai.responses.create({ model: 'gpt-5', input: 'Hi', stream: true });
    let completed = 0;
    for await (const event of stream) if (event.type === 'response.completed') completed += 1;
    expect(completed).toBe(1);
    const outcomes = await gateway.waitForOutcomes(2);
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({
        end: 'completed',
        usage: { ...reported(false), model: 'gpt-5' },
      });
    }
  });

  it('bills a streamed chat whose client aborts halfway: the gateway reads on to the usage', () =>
    expectBilledAfterLeaving(openai, false));
});

describe('the Anthropic client through the gateway', () => {
  it('creates a message, its key sent as Anthropic takes it, and the usage read counts the cache', async () => {
    const message = await anthropic.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(message.usage).toMatchObject({
      input_tokens: FAKE_USAGE.inputTokens,
      cache_creation_input_tokens: FAKE_USAGE.cacheWriteTokens,
    });
    expect(await onlyOutcome()).toMatchObject({
      end: 'completed',
      usage: { ...reported(true), model: 'claude-sonnet-4-5', responseId: 'msg_fake-0001' },
    });
    const headers = fake.requests[0]?.headers;
    expect(headers?.['x-api-key']).toBe(fake.apiKey);
    expect(headers?.authorization).toBeUndefined();
    expect(fake.requests[0]?.url).toBe('/v1/messages');
  });

  it('streams a message, and the usage read is the client’s own final count', async () => {
    const final = await anthropic.messages
      .stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .finalMessage();
    const outcome = await onlyOutcome();
    expect(outcome).toMatchObject({ end: 'completed', final: true, usage: reported(true) });
    expect(outcome?.usage?.outputTokens).toBe(final.usage.output_tokens);
    expect(outcome?.usage?.cacheReadTokens).toBe(final.usage.cache_read_input_tokens);
  });

  it('bills a streamed message whose client aborts halfway', () =>
    expectBilledAfterLeaving(anthropic, true));
});
