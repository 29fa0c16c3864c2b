import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { createCounter } from './createCounter.ts';
import { listenOnLoopback } from './listenOnLoopback.ts';

/** The usage the fake reports, by what each token is billed as. */
export interface FakeUsage {
  /** Input billed at the input rate (cache reads and writes not included). */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  /** Reported by Anthropic's shape only; the others have no cache writes. */
  cacheWriteTokens: number;
}

/** How the fake answers; `set` changes it for the requests that follow. */
export interface FakeProviderBehaviour {
  usage: FakeUsage;
  /** Text chunks in a streamed answer (and parts of a whole one). @default 5 */
  chunks: number;
  /** Waited, in real time, before each streamed chunk. @default 0 */
  chunkDelayMs: number;
  /**
   * Streams this many bytes of text chunks before its usage, written as fast as the reader takes
   * them: for memory tests. OpenAI chat completions only. @default 0 (off)
   */
  hugeBytes: number;
  /** Destroys the connection after this many streamed chunks, as a provider that breaks off. */
  cutAfter: number | null;
  /**
   * Stops after this many streamed chunks until `release()` is called: for tests that act
   * while a stream is half sent.
   */
  pauseAfter: number | null;
  /** Answers every request with this status and body instead, as a provider's error. */
  fail: { status: number; body: unknown } | null;
}

export interface FakeProviderRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface FakeProvider {
  /** `http://127.0.0.1:<port>`: point a provider's URL setting at it. */
  url: string;
  apiKey: string;
  /** Every request received, oldest first. */
  requests: FakeProviderRequest[];
  requestCount(): number;
  /** Resolves once this many requests have arrived (their bodies read, before any answer). */
  waitForRequests(count: number): Promise<void>;
  set(behaviour: Partial<FakeProviderBehaviour>): void;
  /** Lets paused streams go on. */
  release(): void;
  /** Streamed answers whose reader went away before the last byte was written. */
  abandoned(): number;
  /** Resolves once this many streamed answers have been abandoned. */
  waitForAbandoned(count: number): Promise<void>;
  close(): Promise<void>;
}

export const FAKE_USAGE: FakeUsage = {
  inputTokens: 21,
  outputTokens: 13,
  cacheReadTokens: 8,
  cacheWriteTokens: 5,
};

const ID = 'fake-0001';

/**
 * A local stand-in for AI providers, on one loopback server, routed by the end of the path:
 * OpenAI chat completions (`…/chat/completions`) and Responses (`…/responses`), Anthropic
 * messages (`…/messages`), and Gemini `:generateContent` and `:streamGenerateContent` (SSE with
 * `alt=sse`, else a JSON array), each streamed or not, in the shapes the official clients read.
 * Each checks its key where its provider takes it (`Authorization: Bearer`, `x-api-key` with
 * `anthropic-version`, `x-goog-api-key`) and answers 401 otherwise. An OpenAI chat stream
 * carries usage only when asked (`stream_options.include_usage`), as OpenAI's does.
 */
export async function startFakeProvider(
  options: { apiKey?: string } & Partial<FakeProviderBehaviour> = {},
): Promise<FakeProvider> {
  const apiKey = options.apiKey ?? 'sk-fake-provider';
  const behaviour: FakeProviderBehaviour = {
    usage: FAKE_USAGE,
    chunks: 5,
    chunkDelayMs: 0,
    hugeBytes: 0,
    cutAfter: null,
    pauseAfter: null,
    fail: null,
    ...options,
  };
  const requests: FakeProviderRequest[] = [];
  let releases: Array<() => void> = [];
  const abandoned = createCounter();
  const arrived = createCounter();

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
    arrived.add();
    const current = { ...behaviour };
    const url = new URL(req.url ?? '/', 'http://fake-provider');
    const json = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const path = url.pathname;
    const send = sender(res, current, {
      pause: () => new Promise<void>((resolve) => releases.push(resolve)),
      abandoned: abandoned.add,
    });
    if (path.endsWith('/chat/completions')) {
      if (!authorized(req.headers.authorization === `Bearer ${apiKey}`, res, current)) return;
      await openaiChat(json, current, send);
    } else if (path.endsWith('/responses')) {
      if (!authorized(req.headers.authorization === `Bearer ${apiKey}`, res, current)) return;
      await openaiResponses(json, current, send);
    } else if (path.endsWith('/messages')) {
      const ok = req.headers['x-api-key'] === apiKey && Boolean(req.headers['anthropic-version']);
      if (!authorized(ok, res, current)) return;
      await anthropicMessages(json, current, send);
    } else if (path.endsWith(':generateContent') || path.endsWith(':streamGenerateContent')) {
      if (!authorized(req.headers['x-goog-api-key'] === apiKey, res, current)) return;
      const model = /\/models\/([^/:]+):/.exec(path)?.[1] ?? 'gemini';
      await gemini(
        model,
        path.endsWith(':streamGenerateContent'),
        url.searchParams.get('alt') === 'sse',
        current,
        send,
      );
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `no route ${path}` } }));
    }
  });
  const port = await listenOnLoopback(server);

  const release = () => {
    const waiting = releases;
    releases = [];
    for (const resolve of waiting) resolve();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    requestCount: () => requests.length,
    waitForRequests: arrived.waitFor,
    set(changes) {
      Object.assign(behaviour, changes);
    },
    release,
    abandoned: abandoned.value,
    waitForAbandoned: abandoned.waitFor,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function authorized(ok: boolean, res: ServerResponse, behaviour: FakeProviderBehaviour): boolean {
  if (!ok) {
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { message: 'Incorrect API key provided', type: 'invalid_request_error' },
      }),
    );
    return false;
  }
  if (behaviour.fail) {
    res.writeHead(behaviour.fail.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(behaviour.fail.body));
    return false;
  }
  return true;
}

/** Writes answers: whole, or as server-sent events with the behaviour's pauses, delays and cuts. */
function sender(
  res: ServerResponse,
  behaviour: FakeProviderBehaviour,
  hooks: { pause: () => Promise<void>; abandoned: () => void },
) {
  let written = 0;
  let gone = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      gone = true;
      hooks.abandoned();
    }
  });
  /** Waits until the reader has taken what was written. */
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        res.off('drain', done);
        res.off('close', done);
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
  return {
    whole(body: unknown) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    },
    open(contentType = 'text/event-stream') {
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
      res.flushHeaders();
    },
    /** Writes one streamed chunk; `false` once the reader is gone or the stream was cut. */
    async chunk(text: string): Promise<boolean> {
      if (gone) return false;
      if (behaviour.chunkDelayMs > 0) await delay(behaviour.chunkDelayMs);
      if (gone) return false;
      written += 1;
      if (behaviour.cutAfter !== null && written >= behaviour.cutAfter) {
        // Once the chunk is out, the connection ends mid-answer.
        await new Promise<void>((resolve) => res.write(text, () => resolve()));
        res.socket?.destroy();
        gone = true;
        return false;
      }
      if (!res.write(text)) await drained();
      if (behaviour.pauseAfter !== null && written === behaviour.pauseAfter) await hooks.pause();
      return !gone;
    },
    /** Writes `bytes` of the same chunk again and again, as fast as the reader takes them. */
    async repeat(block: Buffer, bytes: number): Promise<boolean> {
      for (let sent = 0; sent < bytes && !gone; sent += block.length) {
        if (!res.write(block)) await drained();
      }
      return !gone;
    },
    end(text = '') {
      if (!gone) res.end(text);
    },
  };
}
type Send = ReturnType<typeof sender>;

const sse = (data: unknown, event?: string, newline = '\n') =>
  `${event ? `event: ${event}${newline}` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}${newline}${newline}`;

const words = (behaviour: FakeProviderBehaviour) =>
  Array.from({ length: behaviour.chunks }, (_, i) => `word${i} `);

async function openaiChat(
  body: Record<string, unknown>,
  behaviour: FakeProviderBehaviour,
  send: Send,
) {
  const model = String(body.model ?? 'gpt-4o-mini');
  const { usage: u } = behaviour;
  const usage = {
    prompt_tokens: u.inputTokens + u.cacheReadTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.cacheReadTokens + u.outputTokens,
    prompt_tokens_details: { cached_tokens: u.cacheReadTokens },
  };
  const base = {
    id: `chatcmpl-${ID}`,
    object: 'chat.completion.chunk',
    created: 1_750_000_000,
    model,
  };
  const includeUsage =
    (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  if (body.stream !== true) {
    send.whole({
      ...base,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: words(behaviour).join('') },
          finish_reason: 'stop',
        },
      ],
      usage,
    });
    return;
  }
  send.open();
  const chunk = (delta: object, finish: string | null) =>
    sse({
      ...base,
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...(includeUsage ? { usage: null } : {}),
    });
  if (!(await send.chunk(chunk({ role: 'assistant', content: '' }, null)))) return;
  if (behaviour.hugeBytes > 0) {
    const one = chunk({ content: 'x'.repeat(1000) }, null);
    const block = Buffer.from(one.repeat(Math.ceil(65_536 / one.length)));
    if (!(await send.repeat(block, behaviour.hugeBytes))) return;
  }
  for (const word of words(behaviour)) {
    if (!(await send.chunk(chunk({ content: word }, null)))) return;
  }
  if (!(await send.chunk(chunk({}, 'stop')))) return;
  if (includeUsage && !(await send.chunk(sse({ ...base, choices: [], usage })))) return;
  send.end(sse('[DONE]'));
}

async function openaiResponses(
  body: Record<string, unknown>,
  behaviour: FakeProviderBehaviour,
  send: Send,
) {
  const { usage: u } = behaviour;
  const text = words(behaviour).join('');
  const response = (status: string, withOutput: boolean) => ({
    id: `resp_${ID}`,
    object: 'response',
    created_at: 1_750_000_000,
    status,
    model: String(body.model ?? 'gpt-5'),
    output: withOutput
      ? [
          {
            id: `msg_${ID}`,
            type: 'message',
            role: 'assistant',
            status: 'completed',
            content: [{ type: 'output_text', text, annotations: [] }],
          },
        ]
      : [],
    usage:
      status === 'completed'
        ? {
            input_tokens: u.inputTokens + u.cacheReadTokens,
            input_tokens_details: { cached_tokens: u.cacheReadTokens },
            output_tokens: u.outputTokens,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: u.inputTokens + u.cacheReadTokens + u.outputTokens,
          }
        : null,
  });
  if (body.stream !== true) {
    send.whole(response('completed', true));
    return;
  }
  send.open();
  let sequence = 0;
  const event = (type: string, fields: object) =>
    sse({ type, sequence_number: sequence++, ...fields }, type);
  if (!(await send.chunk(event('response.created', { response: response('in_progress', false) }))))
    return;
  for (const word of words(behaviour)) {
    const delta = { item_id: `msg_${ID}`, output_index: 0, content_index: 0, delta: word };
    if (!(await send.chunk(event('response.output_text.delta', delta)))) return;
  }
  if (!(await send.chunk(event('response.completed', { response: response('completed', true) }))))
    return;
  send.end();
}

async function anthropicMessages(
  body: Record<string, unknown>,
  behaviour: FakeProviderBehaviour,
  send: Send,
) {
  const { usage: u } = behaviour;
  const message = {
    id: `msg_${ID}`,
    type: 'message',
    role: 'assistant',
    model: String(body.model ?? 'claude-sonnet-4-5'),
    stop_reason: null as string | null,
    stop_sequence: null,
    usage: {
      input_tokens: u.inputTokens,
      cache_creation_input_tokens: u.cacheWriteTokens,
      cache_read_input_tokens: u.cacheReadTokens,
      output_tokens: u.outputTokens,
    },
  };
  if (body.stream !== true) {
    send.whole({
      ...message,
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: words(behaviour).join('') }],
    });
    return;
  }
  send.open();
  const start = { ...message, content: [], usage: { ...message.usage, output_tokens: 1 } };
  if (!(await send.chunk(sse({ type: 'message_start', message: start }, 'message_start')))) return;
  const blockStart = {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  };
  if (!(await send.chunk(sse(blockStart, 'content_block_start')))) return;
  for (const word of words(behaviour)) {
    const delta = {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text: word },
    };
    if (!(await send.chunk(sse(delta, 'content_block_delta')))) return;
  }
  if (!(await send.chunk(sse({ type: 'content_block_stop', index: 0 }, 'content_block_stop'))))
    return;
  const delta = {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn', stop_sequence: null },
    usage: { output_tokens: u.outputTokens },
  };
  if (!(await send.chunk(sse(delta, 'message_delta')))) return;
  if (!(await send.chunk(sse({ type: 'message_stop' }, 'message_stop')))) return;
  send.end();
}

async function gemini(
  model: string,
  stream: boolean,
  alt: boolean,
  behaviour: FakeProviderBehaviour,
  send: Send,
) {
  const { usage: u } = behaviour;
  const all = words(behaviour);
  const answer = (text: string, index: number, last: boolean) => ({
    candidates: [
      {
        content: { parts: [{ text }], role: 'model' },
        index: 0,
        ...(last ? { finishReason: 'STOP' } : {}),
      },
    ],
    usageMetadata: {
      promptTokenCount: u.inputTokens + u.cacheReadTokens,
      ...(u.cacheReadTokens ? { cachedContentTokenCount: u.cacheReadTokens } : {}),
      // Each chunk counts the output so far; the last one the whole.
      candidatesTokenCount: last ? u.outputTokens : index + 1,
      totalTokenCount: u.inputTokens + u.cacheReadTokens + (last ? u.outputTokens : index + 1),
    },
    modelVersion: model,
    responseId: ID,
  });
  if (!stream) {
    send.whole(answer(all.join(''), all.length - 1, true));
    return;
  }
  const parts = all.map((word, i) => answer(word, i, i === all.length - 1));
  if (alt) {
    send.open();
    for (const part of parts) if (!(await send.chunk(sse(part, undefined, '\r\n')))) return;
    send.end();
    return;
  }
  // Without alt=sse: one JSON array, written a chunk at a time.
  send.open('application/json; charset=UTF-8');
  for (const [i, part] of parts.entries()) {
    if (!(await send.chunk(`${i === 0 ? '[' : ',\r\n'}${JSON.stringify(part)}`))) return;
  }
  send.end(']');
}
