import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Attacker {
  /** Its page, which forges the messages as it loads. */
  url: string;
  /** The customer its messages claim paid. */
  customerId: string;
  close(): Promise<void>;
}

/**
 * A third origin that is not our checkout: its page posts forged success messages to its
 * parent, in the new and the legacy format, to any origin, then says so on its page.
 */
export async function startAttacker(customerId: string): Promise<Attacker> {
  const html = `<!doctype html><title>Advertisement</title><body></body><script>
    const sid = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
    const customerId = ${JSON.stringify(customerId)};
    for (const nonce of ['AAAAAAAAAAAAAAAAAAAAAA', 'guessedguessedguessed0']) {
      parent.postMessage({ v: 1, type: 'lava:success', nonce, checkoutSessionId: sid, customerId }, '*');
    }
    parent.postMessage({ type: 'lava_checkout_success', checkoutSessionId: sid, connectionId: customerId, customerId }, '*');
    const channel = new MessageChannel();
    parent.postMessage({ v: 1, type: 'lava:ready', nonce: 'AAAAAAAAAAAAAAAAAAAAAA', checkoutSessionId: sid }, '*', [channel.port2]);
    document.body.textContent = 'forged messages sent';
  </script>`;
  const server = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/attacker.html`,
    customerId,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
