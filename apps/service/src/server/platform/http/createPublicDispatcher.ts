import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { type PublicHostPolicy, resolvePublicHost } from './resolvePublicHost.ts';

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * An undici dispatcher for requests this service makes on someone else's behalf, to URLs they
 * chose: every connection it opens first resolves the host name once, checks each address
 * with `resolvePublicHost`, and connects only to those checked addresses (the socket's own
 * `lookup` is that check, so no second resolution can answer differently). A literal address
 * is checked the same way. TLS still names the host (SNI) and checks its certificate against
 * the name. A refusal fails the request with `NotPublicHostError` before any connection.
 * Connections are kept alive and reused only for the origin, and so the address, they were
 * made to. Redirects are never followed by undici's `request`; answer 3xx yourself.
 */
export function createPublicDispatcher(
  policy: PublicHostPolicy,
  options: {
    /**
     * How long connecting may take, name resolution included, in ms.
     * @default 10000
     */
    connectTimeoutMs?: number;
    /** The only certificate authorities to trust, instead of the system's: a test's own. */
    ca?: string;
  } = {},
): Agent {
  const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) => {
    resolvePublicHost(hostname, policy).then(
      (addresses) => {
        const wanted = lookupOptions.family
          ? addresses.filter((a) => a.family === lookupOptions.family)
          : addresses;
        const [first] = wanted;
        if (lookupOptions.all) callback(null, wanted);
        else if (first) callback(null, first.address, first.family);
        else {
          const error: NodeJS.ErrnoException = new Error(
            `${hostname} has no IPv${lookupOptions.family} address`,
          );
          error.code = 'ENOTFOUND';
          callback(error, '');
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
  const connect = buildConnector({
    lookup,
    autoSelectFamily: true,
    timeout: options.connectTimeoutMs ?? 10_000,
    ...(options.ca ? { ca: options.ca } : {}),
  });
  return new Agent({
    connect: (connectOptions, callback) => {
      // A literal address never reaches `lookup`: check it here.
      if (isIP(connectOptions.hostname) === 0) {
        connect(connectOptions, callback);
        return;
      }
      resolvePublicHost(connectOptions.hostname, policy).then(
        () => connect(connectOptions, callback),
        (error: Error) => callback(error, null),
      );
    },
  });
}
