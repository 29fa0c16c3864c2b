import {
  anthropicUsage,
  count,
  field,
  geminiUsage,
  type NormalizedUsage,
  openaiChatUsage,
  openaiResponsesUsage,
} from './NormalizedUsage.ts';
import type { UsageFormat } from './usageFormatOf.ts';

/** Reads usage from a stream's server-sent events, one event at a time. */
export interface StreamUsageReader {
  /** One event: its `event:` name, if any, and its data. */
  event(name: string | undefined, data: string): void;
  /** The provider has given its last word on usage: nothing later in the stream changes it. */
  readonly final: boolean;
  /** The usage so far, or `null` if none has been seen. */
  usage(): NormalizedUsage | null;
}

const parse = (data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
};

/**
 * Whether `data` has a `"<key>"` whose value is an object (not `null`): a cheap test, so that
 * only the few events that carry usage are parsed. A string in the data cannot fake it, since
 * quotes inside JSON strings are escaped.
 */
function hasObject(data: string, key: string): boolean {
  for (let at = data.indexOf(key); at !== -1; at = data.indexOf(key, at + key.length)) {
    let i = at + key.length;
    while (data.charCodeAt(i) === 32) i++;
    if (data.charCodeAt(i) !== 58) continue;
    i++;
    while (data.charCodeAt(i) === 32) i++;
    if (data.charCodeAt(i) === 123) return true;
  }
  return false;
}

/** What a reader has read so far: the usage, and whether the provider has given its last word. */
interface SoFar {
  usage: NormalizedUsage | null;
  final: boolean;
}

/** A reader that lets `read` take each event into what it has so far; `usage` answers from it. */
function readerOf(
  read: (sofar: SoFar, name: string | undefined, data: string) => void,
  usage: (sofar: SoFar) => NormalizedUsage | null = (sofar) => sofar.usage,
): StreamUsageReader {
  const sofar: SoFar = { usage: null, final: false };
  return {
    event: (name, data) => read(sofar, name, data),
    get final() {
      return sofar.final;
    },
    usage: () => usage(sofar),
  };
}

/**
 * OpenAI chat completions (and every OpenAI-compatible stream): usage comes once, in a last
 * chunk whose `choices` is empty, when the request asked for it; the model and id come on
 * every chunk, so the first is read for them in case usage never comes.
 */
function openaiChat(): StreamUsageReader {
  let first: { model: string | null; id: string | null } | null = null;
  return readerOf(
    (sofar, _name, data) => {
      if (data === '[DONE]') {
        sofar.final = true;
        return;
      }
      if (!first) {
        const chunk = parse(data);
        const model = field(chunk, 'model');
        const id = field(chunk, 'id');
        first = {
          model: typeof model === 'string' ? model : null,
          id: typeof id === 'string' ? id : null,
        };
      }
      if (!hasObject(data, '"usage"')) return;
      const read = openaiChatUsage(parse(data));
      if (read) {
        sofar.usage = read;
        sofar.final = true;
      }
    },
    ({ usage }) =>
      usage && {
        ...usage,
        model: usage.model ?? first?.model ?? null,
        responseId: usage.responseId ?? first?.id ?? null,
      },
  );
}

const NO_USAGE: NormalizedUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  model: null,
  responseId: null,
};

const RESPONSE_ENDS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** OpenAI Responses: the response's usage comes with the event that ends it. */
const openaiResponses = () =>
  readerOf((sofar, name, data) => {
    const ends =
      name === undefined
        ? data.includes('"response.completed"') ||
          data.includes('"response.incomplete"') ||
          data.includes('"response.failed"')
        : RESPONSE_ENDS.has(name);
    if (!ends) return;
    sofar.usage = openaiResponsesUsage(field(parse(data), 'response')) ?? sofar.usage;
    sofar.final = true;
  });

/**
 * Anthropic messages: `message_start` carries the input, cache write and cache read tokens;
 * each `message_delta` carries the output so far (cumulative), and may restate the others;
 * `message_stop` ends it.
 */
const anthropicMessages = () =>
  readerOf((sofar, name, data) => {
    const type = name ?? field(parse(data), 'type');
    if (type === 'message_start') {
      sofar.usage = anthropicUsage(field(parse(data), 'message')) ?? sofar.usage;
    } else if (type === 'message_delta') {
      const delta = field(parse(data), 'usage');
      if (delta === null || typeof delta !== 'object') return;
      const given = delta as Record<string, unknown>;
      const base = sofar.usage ?? NO_USAGE;
      const restated = (key: string, before: number) =>
        given[key] === undefined || given[key] === null ? before : count(given[key]);
      sofar.usage = {
        ...base,
        inputTokens: restated('input_tokens', base.inputTokens),
        outputTokens: restated('output_tokens', base.outputTokens),
        cacheReadTokens: restated('cache_read_input_tokens', base.cacheReadTokens),
        cacheWriteTokens: restated('cache_creation_input_tokens', base.cacheWriteTokens),
      };
    } else if (type === 'message_stop' || type === 'error') {
      sofar.final = true;
    }
  });

/**
 * Gemini: every chunk carries `usageMetadata`, the last one the totals, and the last chunk a
 * `finishReason`. Only the last chunk with usage is kept, unparsed, and read when asked.
 */
function gemini(): StreamUsageReader {
  let last: string | null = null;
  let read: { from: string; usage: NormalizedUsage | null } | null = null;
  return readerOf(
    (sofar, _name, data) => {
      if (data.includes('"usageMetadata"')) last = data;
      if (data.includes('"finishReason"')) sofar.final = true;
    },
    () => {
      if (last === null) return null;
      if (read?.from !== last) read = { from: last, usage: geminiUsage(parse(last)) };
      return read.usage;
    },
  );
}

/** The reader of each usage format's stream. */
const READERS: Record<UsageFormat, () => StreamUsageReader> = {
  openai_chat: openaiChat,
  openai_responses: openaiResponses,
  anthropic_messages: anthropicMessages,
  gemini,
};

/** A reader for the stream of an answer in `format`. */
export function createStreamUsageReader(format: UsageFormat): StreamUsageReader {
  return READERS[format]();
}
