import type { Server } from 'node:http';
import { onTestFinished } from 'vitest';
import { listenOnLoopback } from './listenOnLoopback.ts';

/**
 * Starts `server` on a free port of 127.0.0.1, as `listenOnLoopback` does, for the running test
 * alone: when the test ends, passed or failed, its open connections are cut and it is closed.
 * Such hooks run last registered first, so a pool or an agent the test made after it closes
 * before it. Returns the port.
 */
export async function listenForTest(server: Server): Promise<number> {
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return listenOnLoopback(server);
}
