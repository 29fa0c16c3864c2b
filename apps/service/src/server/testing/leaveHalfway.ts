import type Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { expect } from 'vitest';
import { abortAfterEvents } from './abortAfterEvents.ts';
import { readThenAbort } from './readThenAbort.ts';
import type { FakeProvider } from './startFakeProvider.ts';

/**
 * A client of the official OpenAI or Anthropic SDK leaving a streamed answer halfway: the fake
 * provider pauses after three events, the client reads two and aborts (a chat through its
 * signal, a message through its stream), and once `gone` resolves (the gateway saw it leave)
 * the fake sends the rest, its usage last, for the gateway to read on to.
 */
export async function leaveHalfway(
  fake: FakeProvider,
  client: OpenAI | Anthropic,
  gone: () => Promise<void>,
): Promise<void> {
  fake.set({ pauseAfter: 3 });
  if (client instanceof OpenAI) {
    const signal = new AbortController();
    const stream = await client.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true },
      { signal: signal.signal },
    );
    expect(await readThenAbort(stream, signal, 2)).toBe(2);
  } else {
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    await expect(abortAfterEvents(stream, 2)).rejects.toThrow(/abort/i);
  }
  await gone();
  fake.release();
}
