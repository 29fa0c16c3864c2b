import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { securityHeaderValues } from '../platform/http/securityHeaders.ts';
import type { UpstreamResponse } from './sendUpstream.ts';
import { createUsageTap } from './usage/createUsageTap.ts';
import type { NormalizedUsage } from './usage/NormalizedUsage.ts';
import type { UsageFormat } from './usage/usageFormatOf.ts';

/** How far the relay goes to read usage. */
export interface RelayLimits {
  /**
   * After the client has gone, how long the relay keeps reading the provider's answer for its
   * usage, which streams carry at their end.
   * @default 120000 (2 minutes)
   */
  drainMs: number;
  /**
   * ...and how many more bytes it reads (it keeps none of them).
   * @default 16777216 (16 MiB: some 80,000 tokens of a streamed chat)
   */
  drainBytes: number;
  /**
   * The largest JSON answer held to read its usage; a larger one passes through unread.
   * @default 4194304 (4 MiB)
   */
  jsonBytes: number;
  /**
   * The longest server-sent event read (Responses' last event holds the whole response).
   * @default 8388608 (8 Mi characters)
   */
  eventChars: number;
}

export const RELAY_LIMITS: RelayLimits = {
  drainMs: 120_000,
  drainBytes: 16 << 20,
  jsonBytes: 4 << 20,
  eventChars: 8 << 20,
};

/** How a relay ended. */
export type RelayEnd =
  /** The client received the whole answer. */
  | 'completed'
  /** The client left; the relay read on until the usage came or the answer ended. */
  | 'client_gone'
  /** The provider's answer broke off (a reset connection, undici's body timeout). */
  | 'upstream_error'
  /** The client left and the usage did not come within `drainMs`. */
  | 'drain_timeout'
  /** The client left and the usage did not come within `drainBytes`. */
  | 'drain_limit';

/** What the relay hands over once, when it is done with the provider's answer. */
export interface RelayOutcome {
  end: RelayEnd;
  /** The usage read, `null` if the answer carried none the relay could read. */
  usage: NormalizedUsage | null;
  /** Whether the provider had given its last word on usage (a cut stream may have given part of it). */
  final: boolean;
  /** Bytes read from the provider. */
  bytes: number;
  error: unknown;
}

/** Starts a timer, returning what cancels it. Tests pass their own. */
export type StartTimer = (ms: number, fire: () => void) => () => void;

const startTimer: StartTimer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * Headers never relayed: this hop's own, and the provider's cookies and alternative services,
 * which are about its host, not this one.
 */
const NOT_RELAYED = new Set([
  'set-cookie',
  'alt-svc',
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
]);
const NO_BODY = new Set([101, 204, 205, 304]);

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Where a relay sends the provider's body: the client, through one of two writers. */
interface RelaySink {
  /** Passes a chunk on; `false` when the client holds enough for now (`resume` follows). */
  write(chunk: Buffer): boolean;
  end(): void;
  fail(error: unknown): void;
}

/** What a sink tells the relay. */
interface RelayControl {
  /** The client has taken what it held: read on. */
  resume(): void;
  /** The client went away before the end. */
  clientGone(): void;
}

/**
 * The client's response for a provider's answer: same status, same headers (less this hop's and
 * the provider's cookies, plus `headers`), and the body passed on chunk by chunk as it arrives,
 * never buffered (a chunk is read from the provider only when the client has taken the one
 * before), while the bytes are tapped for usage (`createUsageTap`).
 *
 * Given the Node response (`outgoing`, which `@hono/node-server` hands a route), the relay
 * writes the answer to it itself, with `securityHeaders`, and returns `RESPONSE_ALREADY_SENT`:
 * the body goes from one socket to the other without a web stream between them, which costs
 * a call tenths of a millisecond. Without one (a request dispatched in-process), it returns a
 * `Response` whose body is a web stream.
 *
 * If the client goes away before the end, the relay reads on, keeping nothing (but a JSON body,
 * up to `limits.jsonBytes`), until the usage has come, the answer ends, or `limits.drainMs` or
 * `limits.drainBytes` is reached; then it closes the provider's connection. An answer it cannot
 * read usage from is closed at once. `onSettled` is called exactly once, after the last byte
 * went to the client or the relay stopped, whatever happened: a completed answer, a client
 * gone, a provider that broke off.
 */
export function relayResponse(
  upstream: UpstreamResponse,
  options: {
    usageFormat: UsageFormat | null;
    onSettled: (outcome: RelayOutcome) => void;
    /** Headers to add, such as `x-lava-request-id`. */
    headers?: Record<string, string>;
    limits?: Partial<RelayLimits>;
    startTimer?: StartTimer;
    /** The client's Node response, to write the answer to directly. */
    outgoing?: ServerResponse;
    /** Whether the service runs in production, for the security headers of a direct answer. */
    production?: boolean;
  },
): Response {
  const limits = { ...RELAY_LIMITS, ...options.limits };
  const { body, statusCode } = upstream;
  const headers: Record<string, string> = {};
  for (const name in upstream.headers) {
    const value = upstream.headers[name];
    if (value === undefined || NOT_RELAYED.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  Object.assign(headers, options.headers);
  const tap = createUsageTap(
    options.usageFormat,
    first(upstream.headers['content-type']),
    first(upstream.headers['content-encoding']),
    limits,
  );

  let settled = false;
  let bytes = 0;
  let cancelTimer: (() => void) | null = null;
  const settle = (end: RelayEnd, error: unknown = null) => {
    if (settled) return;
    settled = true;
    cancelTimer?.();
    const reading = tap.end();
    try {
      options.onSettled({ end, usage: reading.usage, final: reading.final, bytes, error });
    } catch (callbackError) {
      console.error('Lava Checkout: the gateway relay callback failed.', callbackError);
    }
  };
  /** Settles, then closes the provider's connection (which undici reports as an error, ignored once settled). */
  const stop = (end: RelayEnd) => {
    settle(end);
    body.destroy();
  };

  const hasBody = !NO_BODY.has(statusCode);
  if (!hasBody) {
    body.on('error', (error) => settle('upstream_error', error));
    body.on('end', () => settle('completed'));
    body.resume();
  }

  let clientGone = false;
  let ended = false;
  let drainedFrom = 0;
  /** Reads the provider's body into `sink`, tapping it, until it ends or the client goes. */
  const pump = (sink: RelaySink): RelayControl => {
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
      if (tap.reading) tap.write(chunk);
      if (!clientGone) {
        if (!sink.write(chunk)) body.pause();
        return;
      }
      if (!tap.reading) stop('client_gone');
      else if (bytes - drainedFrom > limits.drainBytes) stop('drain_limit');
    });
    body.on('end', () => {
      ended = true;
      if (!clientGone) sink.end();
      // The last bytes are on their way to the client; a held JSON body is read after.
      setImmediate(() => settle(clientGone ? 'client_gone' : 'completed'));
    });
    body.on('error', (error) => {
      if (settled) return;
      if (!clientGone) sink.fail(error);
      settle('upstream_error', error);
    });
    return {
      resume() {
        if (!clientGone && body.isPaused()) body.resume();
      },
      clientGone() {
        if (clientGone) return;
        clientGone = true;
        if (settled || ended) return;
        // Nothing more to read: the usage is in, or there is none to read (a body of no known
        // shape, one too large to hold).
        if (!tap.reading) {
          stop('client_gone');
          return;
        }
        drainedFrom = bytes;
        cancelTimer = (options.startTimer ?? startTimer)(limits.drainMs, () =>
          stop('drain_timeout'),
        );
        body.resume();
      },
    };
  };

  const { outgoing } = options;
  if (outgoing) {
    outgoing.writeHead(statusCode, {
      ...securityHeaderValues(options.production ?? false),
      ...headers,
    });
    if (!hasBody) {
      outgoing.end();
      return RESPONSE_ALREADY_SENT;
    }
    const control = pump({
      write: (chunk) => outgoing.write(chunk),
      end: () => outgoing.end(),
      fail: (error) => outgoing.destroy(error instanceof Error ? error : undefined),
    });
    outgoing.on('drain', () => control.resume());
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) control.clientGone();
    });
    // The status goes as soon as the provider's did when no chunk came with it (a stream's
    // first token may be seconds away); a whole answer's headers go with its body.
    setImmediate(() => {
      if (!outgoing.headersSent && !outgoing.destroyed) outgoing.flushHeaders();
    });
    return RESPONSE_ALREADY_SENT;
  }

  if (!hasBody) return new Response(null, { status: statusCode, headers });
  let control: RelayControl | null = null;
  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        control = pump({
          write: (chunk) => {
            controller.enqueue(chunk);
            return (controller.desiredSize ?? 0) > 0;
          },
          end: () => controller.close(),
          fail: (error) => controller.error(error),
        });
      },
      pull() {
        control?.resume();
      },
      cancel() {
        control?.clientGone();
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(stream, { status: statusCode, headers });
}
