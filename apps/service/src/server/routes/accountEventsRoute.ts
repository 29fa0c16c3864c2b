import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { BalanceStreams } from '../balanceEvents/createBalanceStreams.ts';
import type { CustomerSessionContext } from '../customerSessions/verifyCustomerSession.ts';
import { ServiceError } from '../platform/ServiceError.ts';

type Env = { Variables: { account: CustomerSessionContext } };

/**
 * `GET /api/account/events`: the customer's account summary as server-sent events, sent at once
 * and again within a second of each change (`event: summary`, the `AccountSummary` as JSON),
 * with a comment as heartbeat. The stream ends when the session expires; the page then mints a
 * new one. The session is checked as for the summary, so the page reads the stream with `fetch`
 * and `Authorization` and the secret stays out of URLs and logs.
 */
export function accountEventsRoute(streams: BalanceStreams) {
  return (c: Context<Env>) => {
    const { merchantId, customer, claims } = c.get('account');
    if (!streams.canOpen(customer.id)) {
      throw new ServiceError(
        'too_many_streams',
        'Lava Checkout: too many balance streams are open for this customer. Share one createBalance() per page (useLavaBalance and <LavaBalance> do) and close the others.',
        { retry_after: 5 },
      );
    }
    // Proxies that buffer responses (nginx) would hold the events back.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let close = () => {};
      try {
        // Until the page goes away, a write fails, or the session expires.
        await new Promise<void>((resolve) => {
          const send = (written: Promise<unknown>) => void written.catch(() => resolve());
          close = streams.open(
            { merchantId, customerId: customer.id, expiresAt: claims.exp * 1000 },
            {
              summary: (summary) =>
                send(stream.writeSSE({ event: 'summary', data: JSON.stringify(summary) })),
              heartbeat: () => send(stream.write(': heartbeat\n\n')),
              expired: resolve,
            },
          );
          stream.onAbort(resolve);
        });
      } finally {
        close();
      }
    });
  };
}
