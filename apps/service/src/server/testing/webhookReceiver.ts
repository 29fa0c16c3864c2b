import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './listenOnLoopback.ts';

/** A delivery as the receiver got it: the raw body and the headers that matter. */
export interface ReceivedWebhook {
  /** The request's path and query. */
  path: string;
  body: string;
  eventId: string | undefined;
  lavaSignature: string | undefined;
  webhookSignature: string | undefined;
}

/**
 * A merchant's webhook endpoint on loopback, for tests: records every delivery and answers
 * with `answer()` (200 unless told; a status, or a status and headers), or holds the request
 * open when it returns `'hold'`.
 */
export async function startWebhookReceiver(
  answer: (
    delivery: ReceivedWebhook,
  ) => number | 'hold' | { status: number; headers: Record<string, string> } = () => 200,
) {
  const received: ReceivedWebhook[] = [];
  const held: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery: ReceivedWebhook = {
        path: request.url ?? '',
        body: Buffer.concat(chunks).toString('utf8'),
        eventId: request.headers['x-lava-event-id'] as string | undefined,
        lavaSignature: request.headers['x-lava-signature'] as string | undefined,
        webhookSignature: request.headers['x-webhook-signature'] as string | undefined,
      };
      received.push(delivery);
      for (const wake of waiters.splice(0)) wake();
      const status = answer(delivery);
      if (status === 'hold') {
        held.push(response);
        return;
      }
      if (typeof status === 'number') response.writeHead(status).end();
      else response.writeHead(status.status, status.headers).end();
    });
  });
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    /** Connections made to it so far, whether or not a request came over them. */
    connections: () => connections,
    /** Requests it holds open, unanswered. */
    holding: () => held.length,
    /** Answers every request it holds with `status`. */
    release(status = 200) {
      for (const response of held.splice(0)) response.writeHead(status).end();
    },
    /** Resolves once `count` deliveries have arrived. */
    until(count: number): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve) => {
        const check = () => (received.length >= count ? resolve() : waiters.push(check));
        waiters.push(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
