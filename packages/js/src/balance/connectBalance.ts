import { type AccountSummary, parseAccountSummary } from '@lava-checkout/protocol/account';
import type { LavaBalanceError, LavaBalanceErrorCode } from './LavaBalanceState.ts';
import { readEventStream } from './readEventStream.ts';

/** What the connection reports to the balance's store. */
export interface BalanceReceiver {
  summary(summary: AccountSummary): void;
  /** `final`: the session is refused; nothing more will come. */
  error(error: LavaBalanceError, final: boolean): void;
}

/** The service's timings, overridable in tests. */
export interface ConnectBalanceTimings {
  /** Polling period when streaming does not work. @default 1000 (never more often) */
  pollMs?: number | undefined;
  /** Without a first event this long after connecting (a buffering proxy), poll instead. @default 5000 */
  firstEventMs?: number | undefined;
  /** Longest wait before connecting again after a failure. @default 30000 */
  maxRetryMs?: number | undefined;
}

const REFUSALS: readonly LavaBalanceErrorCode[] = [
  'customer_session_invalid',
  'customer_session_expired',
  'origin_not_allowed',
];

/** The error a refused response names, and whether retrying can help. */
async function refusal(response: Response): Promise<{ error: LavaBalanceError; final: boolean }> {
  let code: LavaBalanceErrorCode = 'network_error';
  let message = `Lava Checkout: the balance service answered ${response.status}. Retrying.`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    const named = body.error?.code as LavaBalanceErrorCode | undefined;
    if (named && (REFUSALS.includes(named) || named === 'too_many_streams')) {
      code = named;
      message = body.error?.message ?? message;
    }
  } catch {
    // Not the service's JSON: a proxy's page.
  }
  return { error: { code, message }, final: REFUSALS.includes(code) };
}

/**
 * Keeps a customer's summary coming from the service: one server-sent-events stream read with
 * `fetch` (so the secret travels in `Authorization`, not the URL), reconnected with backoff when
 * it drops; polling the summary once a second where streaming does not get through. Stops
 * for good on a refused session. Returns the stop.
 */
export function connectBalance(
  base: string,
  secret: string,
  receiver: BalanceReceiver,
  timings: ConnectBalanceTimings = {},
): () => void {
  const pollMs = Math.max(1000, timings.pollMs ?? 1000);
  const firstEventMs = timings.firstEventMs ?? 5000;
  const maxRetryMs = timings.maxRetryMs ?? 30_000;
  const headers = { authorization: `Bearer ${secret}` };
  let stopped = false;
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const later = (run: () => void, ms: number) => {
    if (!stopped) timer = setTimeout(run, ms);
  };
  const failed = (error: LavaBalanceError, final: boolean, retry: () => void) => {
    receiver.error(error, final);
    if (final) return;
    failures += 1;
    later(retry, Math.min(maxRetryMs, 1000 * 2 ** Math.min(failures, 5)));
  };
  const offline = (): LavaBalanceError => ({
    code: 'network_error',
    message: 'Lava Checkout: the balance service is unreachable. Retrying.',
  });

  const poll = async (): Promise<void> => {
    controller = new AbortController();
    try {
      const response = await fetch(`${base}api/account/summary`, {
        headers,
        signal: controller.signal,
      });
      if (!response.ok) {
        const { error, final } = await refusal(response);
        return failed(error, final, poll);
      }
      const summary = parseAccountSummary(await response.json());
      if (summary) receiver.summary(summary);
      failures = 0;
      later(poll, pollMs);
    } catch {
      if (!stopped) failed(offline(), false, poll);
    }
  };

  const stream = async (): Promise<void> => {
    const current = new AbortController();
    controller = current;
    let heard = false;
    // A proxy that buffers the stream delivers nothing: poll instead, for this page's life.
    timer = setTimeout(() => {
      if (heard) return;
      current.abort();
      void poll();
    }, firstEventMs);
    try {
      const response = await fetch(`${base}api/account/events`, {
        headers: { ...headers, accept: 'text/event-stream' },
        signal: current.signal,
      });
      if (!response.ok) {
        clearTimeout(timer);
        const { error, final } = await refusal(response);
        return failed(error, final, stream);
      }
      if (!response.body) {
        clearTimeout(timer);
        return poll();
      }
      await readEventStream(response.body, (event, data) => {
        if (event !== 'summary') return;
        let summary: AccountSummary | null = null;
        try {
          summary = parseAccountSummary(JSON.parse(data));
        } catch {
          // Not JSON: skipped like any unknown event.
        }
        if (!summary) return;
        heard = true;
        failures = 0;
        receiver.summary(summary);
      });
      // The service ended it (the session's hour, a restart): connect again; a refused
      // session then says so.
      clearTimeout(timer);
      if (heard) failures = 0;
      later(stream, heard ? 0 : 1000);
    } catch {
      if (current.signal.aborted) return;
      clearTimeout(timer);
      if (!stopped) failed(offline(), false, stream);
    }
  };

  void stream();
  return () => {
    stopped = true;
    clearTimeout(timer);
    controller?.abort();
  };
}
