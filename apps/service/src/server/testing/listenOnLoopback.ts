import type { AddressInfo, Server } from 'node:net';

/** Starts `server` listening on a free port of 127.0.0.1, for tests: the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
