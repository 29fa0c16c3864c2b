import { createParser, type EventSourceParser } from 'eventsource-parser';
import { createStreamUsageReader, type StreamUsageReader } from './createStreamUsageReader.ts';
import type { NormalizedUsage } from './NormalizedUsage.ts';
import { readJsonUsage } from './readJsonUsage.ts';
import type { UsageFormat } from './usageFormatOf.ts';

/** What a tap read: the usage, if any, and whether the provider had given its last word. */
export interface UsageReading {
  usage: NormalizedUsage | null;
  final: boolean;
}

/** Reads usage from an answer's bytes as they pass, without holding on to them (but a JSON body's). */
export interface UsageTap {
  write(chunk: Uint8Array): void;
  /** The usage is known and final: the rest of the answer need not be read for it. */
  readonly final: boolean;
  /** Whether more of the answer could still change what is read (`false`: the tap has stopped reading). */
  readonly reading: boolean;
  /** The input is over (or abandoned): what was read. Reads a held JSON body. */
  end(): UsageReading;
}

export interface UsageTapLimits {
  /** The most of a JSON body held to read its usage at the end; a larger one is not read. */
  jsonBytes: number;
  /** The longest server-sent event read; past it the stream is no longer read. */
  eventChars: number;
}

const NOTHING: UsageTap = {
  write() {},
  final: false,
  reading: false,
  end: () => ({ usage: null, final: false }),
};

/**
 * A tap for an answer in `format` with this `content-type` (and `content-encoding`): a stream
 * of server-sent events is parsed as it passes, event by event (eventsource-parser); a JSON
 * body is held, up to `limits.jsonBytes`, and parsed once at the end. Anything else, a
 * compressed answer included, is not read.
 */
export function createUsageTap(
  format: UsageFormat | null,
  contentType: string | undefined,
  contentEncoding: string | undefined,
  limits: UsageTapLimits,
): UsageTap {
  if (format === null || !contentType) return NOTHING;
  if (contentEncoding && contentEncoding !== 'identity') return NOTHING;
  if (contentType.startsWith('text/event-stream')) {
    return sseTap(createStreamUsageReader(format), limits.eventChars);
  }
  if (contentType.includes('json')) return jsonTap(format, limits.jsonBytes);
  return NOTHING;
}

function sseTap(reader: StreamUsageReader, eventChars: number): UsageTap {
  const decoder = new TextDecoder();
  let broken = false;
  const parser: EventSourceParser = createParser({
    onEvent: (event) => reader.event(event.event, event.data),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') broken = true;
    },
    maxBufferSize: eventChars,
  });
  return {
    write(chunk) {
      if (broken || reader.final) return;
      parser.feed(decoder.decode(chunk, { stream: true }));
    },
    get final() {
      return reader.final;
    },
    get reading() {
      return !broken && !reader.final;
    },
    end() {
      if (!broken && !reader.final) {
        // A last event without its blank line still counts.
        parser.feed(`${decoder.decode()}\n\n`);
      }
      return { usage: reader.usage(), final: reader.final };
    },
  };
}

function jsonTap(format: UsageFormat, jsonBytes: number): UsageTap {
  let held: Uint8Array[] = [];
  let size = 0;
  return {
    write(chunk) {
      size += chunk.byteLength;
      if (size > jsonBytes) held = [];
      else held.push(chunk);
    },
    final: false,
    get reading() {
      return size <= jsonBytes;
    },
    end() {
      if (size > jsonBytes || size === 0) return { usage: null, final: false };
      const text = Buffer.concat(held, size).toString('utf8');
      held = [];
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { usage: null, final: false };
      }
      return { usage: readJsonUsage(format, body), final: true };
    },
  };
}
