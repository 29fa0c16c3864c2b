import type { HostAddress, ResolveHost } from '../platform/http/resolvePublicHost.ts';

/** A public address (example.com's) that names resolve to in tests unless told otherwise. */
export const PUBLIC_TEST_ADDRESS = '93.184.215.14';

/**
 * A name resolver for tests, which reach no name server: `example.com` and the names under it
 * resolve to `PUBLIC_TEST_ADDRESS`, names given (or `set` later) to their address, and any
 * other name fails as DNS does (`ENOTFOUND`). It keeps every name it was asked.
 */
export function createTestResolver(names: Record<string, string> = {}) {
  const table = new Map(Object.entries(names));
  const asked: string[] = [];
  const resolve: ResolveHost = async (hostname) => {
    asked.push(hostname);
    const address =
      table.get(hostname) ??
      (/(^|\.)example\.com$/.test(hostname) ? PUBLIC_TEST_ADDRESS : undefined);
    if (address === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    const family = address.includes(':') ? 6 : 4;
    return [{ address, family } satisfies HostAddress];
  };
  return {
    resolve,
    asked,
    /** Makes `name` resolve to `address` from now on. */
    set(name: string, address: string) {
      table.set(name, address);
    },
  };
}
