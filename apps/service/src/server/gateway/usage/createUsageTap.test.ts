import { describe, expect, it } from 'vitest';
import { createUsageTap, type UsageTapLimits } from './createUsageTap.ts';
import type { UsageFormat } from './usageFormatOf.ts';

const LIMITS: UsageTapLimits = { jsonBytes: 1 << 20, eventChars: 1 << 20 };
const SSE = 'text/event-stream; charset=utf-8';

/** Feeds `text` to a tap in pieces of `size` bytes (splitting characters too), then ends it. */
function tap(format: UsageFormat, contentType: string, text: string, size = 7, limits = LIMITS) {
  const reader = createUsageTap(format, contentType, undefined, limits);
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) reader.write(bytes.subarray(at, at + size));
  return reader.end();
}

const sse = (events: Array<[string | null, unknown]>, newline = '\n') =>
  events
    .map(
      ([name, data]) =>
        `${name ? `event: ${name}${newline}` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}${newline}${newline}`,
    )
    .join('');

const chatChunk = (content: string, usage: unknown = null) => ({
  id: 'chatcmpl-9x',
  object: 'chat.completion.chunk',
  model: 'gpt-4o-mini-2024-07-18',
  choices: usage ? [] : [{ index: 0, delta: { content } }],
  usage,
});

describe('createUsageTap: OpenAI chat completions', () => {
  it('reads the last chunk, whose choices are empty, moving cached tokens out of the input', () => {
    const stream = sse([
      [null, chatChunk('Hé "usage": {')],
      [null, chatChunk('llo ✓')],
      [
        null,
        chatChunk('', {
          prompt_tokens: 120,
          completion_tokens: 34,
          total_tokens: 154,
          prompt_tokens_details: { cached_tokens: 100 },
        }),
      ],
      [null, '[DONE]'],
    ]);
    for (const size of [1, 3, 7, 4096]) {
      expect(tap('openai_chat', SSE, stream, size)).toEqual({
        final: true,
        usage: {
          inputTokens: 20,
          outputTokens: 34,
          cacheReadTokens: 100,
          cacheWriteTokens: 0,
          model: 'gpt-4o-mini-2024-07-18',
          responseId: 'chatcmpl-9x',
        },
      });
    }
  });

  it('reads no usage from a stream that was not asked for it', () => {
    const stream = sse([
      [null, chatChunk('Hi')],
      [null, '[DONE]'],
    ]);
    expect(tap('openai_chat', SSE, stream)).toEqual({ usage: null, final: true });
  });

  it("reads Groq's x_groq.usage and DeepSeek's cache hits", () => {
    const groq = sse([
      [
        null,
        {
          ...chatChunk(''),
          choices: [],
          x_groq: { id: 'req_1', usage: { prompt_tokens: 9, completion_tokens: 4 } },
        },
      ],
    ]);
    expect(tap('openai_chat', SSE, groq).usage).toMatchObject({ inputTokens: 9, outputTokens: 4 });
    const deepseek = JSON.stringify({
      id: 'x',
      model: 'deepseek-chat',
      choices: [],
      usage: {
        prompt_tokens: 50,
        completion_tokens: 5,
        prompt_cache_hit_tokens: 30,
        prompt_cache_miss_tokens: 20,
      },
    });
    expect(tap('openai_chat', 'application/json', deepseek).usage).toMatchObject({
      inputTokens: 20,
      cacheReadTokens: 30,
      outputTokens: 5,
    });
  });

  it('reads a whole JSON completion, and nothing from an error body', () => {
    const body = JSON.stringify({
      id: 'chatcmpl-1',
      model: 'gpt-4o',
      choices: [{ message: { content: 'hi' } }],
      usage: { prompt_tokens: 11, completion_tokens: 2, total_tokens: 13 },
    });
    expect(tap('openai_chat', 'application/json', body)).toEqual({
      final: true,
      usage: {
        inputTokens: 11,
        outputTokens: 2,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        model: 'gpt-4o',
        responseId: 'chatcmpl-1',
      },
    });
    expect(tap('openai_chat', 'application/json', '{"error":{"message":"bad"}}').usage).toBeNull();
  });
});

describe('createUsageTap: OpenAI Responses', () => {
  const response = {
    id: 'resp_1',
    object: 'response',
    model: 'gpt-5-2025-08-07',
    status: 'completed',
    usage: {
      input_tokens: 300,
      input_tokens_details: { cached_tokens: 200 },
      output_tokens: 40,
      total_tokens: 340,
    },
  };

  it('reads response.usage from response.completed', () => {
    const stream = sse([
      [
        'response.created',
        { type: 'response.created', response: { ...response, status: 'in_progress', usage: null } },
      ],
      ['response.output_text.delta', { type: 'response.output_text.delta', delta: 'x' }],
      ['response.completed', { type: 'response.completed', response }],
    ]);
    expect(tap('openai_responses', SSE, stream)).toEqual({
      final: true,
      usage: {
        inputTokens: 100,
        outputTokens: 40,
        cacheReadTokens: 200,
        cacheWriteTokens: 0,
        model: 'gpt-5-2025-08-07',
        responseId: 'resp_1',
      },
    });
  });

  it('reads the usage of a whole JSON response', () => {
    expect(
      tap('openai_responses', 'application/json', JSON.stringify(response)).usage,
    ).toMatchObject({
      inputTokens: 100,
      outputTokens: 40,
      responseId: 'resp_1',
    });
  });
});

describe('createUsageTap: Anthropic messages', () => {
  const start = {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      model: 'claude-sonnet-4-5-20250929',
      usage: {
        input_tokens: 25,
        cache_creation_input_tokens: 1000,
        cache_read_input_tokens: 2000,
        output_tokens: 1,
      },
    },
  };
  it('adds message_start input and cache tokens to the cumulative output of the last message_delta', () => {
    const stream = sse([
      ['message_start', start],
      [
        'content_block_start',
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      ],
      ['ping', { type: 'ping' }],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      ],
      [
        'message_delta',
        { type: 'message_delta', delta: { stop_reason: null }, usage: { output_tokens: 10 } },
      ],
      [
        'message_delta',
        { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 15 } },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]);
    expect(tap('anthropic_messages', SSE, stream)).toEqual({
      final: true,
      usage: {
        inputTokens: 25,
        outputTokens: 15,
        cacheReadTokens: 2000,
        cacheWriteTokens: 1000,
        model: 'claude-sonnet-4-5-20250929',
        responseId: 'msg_1',
      },
    });
  });

  it('keeps what message_start said when the stream is cut before message_stop', () => {
    const cut = sse([['message_start', start]]);
    expect(tap('anthropic_messages', SSE, cut)).toMatchObject({
      final: false,
      usage: { inputTokens: 25, outputTokens: 1, cacheWriteTokens: 1000 },
    });
  });

  it('reads the usage of a whole JSON message', () => {
    const body = JSON.stringify({
      ...start.message,
      content: [],
      usage: { ...start.message.usage, output_tokens: 7 },
    });
    expect(tap('anthropic_messages', 'application/json', body).usage).toMatchObject({
      inputTokens: 25,
      outputTokens: 7,
      cacheReadTokens: 2000,
      cacheWriteTokens: 1000,
    });
  });
});

describe('createUsageTap: Gemini', () => {
  const chunk = (text: string, usage: Record<string, number>, finish?: string) => ({
    candidates: [
      {
        content: { parts: [{ text }], role: 'model' },
        ...(finish ? { finishReason: finish } : {}),
      },
    ],
    usageMetadata: usage,
    modelVersion: 'gemini-2.5-flash',
    responseId: 'abc',
  });
  const chunks = [
    chunk('Hel', { promptTokenCount: 40, candidatesTokenCount: 2, totalTokenCount: 42 }),
    chunk(
      'lo',
      {
        promptTokenCount: 40,
        cachedContentTokenCount: 30,
        candidatesTokenCount: 5,
        thoughtsTokenCount: 8,
        totalTokenCount: 53,
      },
      'STOP',
    ),
  ];

  it("takes the last chunk's usageMetadata, thoughts as output, from a stream with CRLF line ends", () => {
    const stream = sse(
      chunks.map((c) => [null, c]),
      '\r\n',
    );
    expect(tap('gemini', SSE, stream)).toEqual({
      final: true,
      usage: {
        inputTokens: 10,
        outputTokens: 13,
        cacheReadTokens: 30,
        cacheWriteTokens: 0,
        model: 'gemini-2.5-flash',
        responseId: 'abc',
      },
    });
  });

  it('reads a whole JSON answer, and the JSON array streamGenerateContent sends without alt=sse', () => {
    expect(
      tap('gemini', 'application/json; charset=UTF-8', JSON.stringify(chunks[1])).usage,
    ).toMatchObject({
      inputTokens: 10,
      outputTokens: 13,
    });
    expect(tap('gemini', 'application/json', JSON.stringify(chunks)).usage).toMatchObject({
      outputTokens: 13,
    });
  });
});

describe('createUsageTap: what it does not read', () => {
  const body = JSON.stringify({ id: 'x', usage: { prompt_tokens: 1, completion_tokens: 1 } });

  it('reads no JSON body larger than its limit', () => {
    expect(
      tap('openai_chat', 'application/json', body, 7, { ...LIMITS, jsonBytes: body.length - 1 })
        .usage,
    ).toBeNull();
    expect(
      tap('openai_chat', 'application/json', body, 7, { ...LIMITS, jsonBytes: body.length }).usage,
    ).not.toBeNull();
  });

  it('stops reading a stream at an event longer than its limit', () => {
    const stream = sse([
      [null, chatChunk('x'.repeat(500))],
      [null, chatChunk('', { prompt_tokens: 1, completion_tokens: 1 })],
    ]);
    expect(tap('openai_chat', SSE, stream, 7, { ...LIMITS, eventChars: 400 }).usage).toBeNull();
    expect(
      tap('openai_chat', SSE, stream, 7, { ...LIMITS, eventChars: 1000 }).usage,
    ).not.toBeNull();
  });

  it('reads no compressed answer, no other content type, and nothing without a format', () => {
    const reader = createUsageTap('openai_chat', 'application/json', 'gzip', LIMITS);
    reader.write(Buffer.from(body));
    expect(reader.end().usage).toBeNull();
    expect(tap('openai_chat', 'text/plain', body).usage).toBeNull();
    const none = createUsageTap(null, 'application/json', undefined, LIMITS);
    none.write(Buffer.from(body));
    expect(none.end().usage).toBeNull();
  });
});
