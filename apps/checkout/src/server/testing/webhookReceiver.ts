import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A delivery as the receiver got it: the raw body and the headers that matter. */
export interface ReceivedWebhook {
  body: string;
  eventId: string | undefined;
  lavaSignature: string | undefined;
  webhookSignature: string | undefined;
}

/**
 * A merchant's webhook endpoint on loopback, for tests: records every delivery and answers
 * with `answer()` (200 unless told), or holds the request open when it returns `'hold'`.
 */
export async function startWebhookReceiver(
  answer: (delivery: ReceivedWebhook) => number | 'hold' = () => 200,
) {
  const received: ReceivedWebhook[] = [];
  const held: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery: ReceivedWebhook = {
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
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
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
