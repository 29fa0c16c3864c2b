import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** One address a host name stands for. */
export interface HostAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Turns a host name into its addresses: the system resolver (`systemResolveHost`) in the
 * service, a table of names in tests, which cannot reach a name server.
 */
export type ResolveHost = (hostname: string) => Promise<HostAddress[]>;

/** What this service may connect to on someone else's behalf. */
export interface PublicHostPolicy {
  /** Also accept this machine's own addresses and names (`127.0.0.1`, `::1`, `localhost`): development. */
  allowLoopback: boolean;
  resolve: ResolveHost;
}

/** The system resolver (`getaddrinfo`, so `/etc/hosts` too), every address in its order. */
export const systemResolveHost: ResolveHost = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/** A host refused because it is, or resolves to, an address that is not public. */
export class NotPublicHostError extends Error {
  readonly code = 'ERR_NOT_PUBLIC_HOST';
  constructor(message: string) {
    super(message);
    this.name = 'NotPublicHostError';
  }
}

/** How each of ipaddr.js's ranges other than `unicast` reads in a refusal. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified address',
  broadcast: 'a broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address',
  loopback: 'a loopback address (this machine)',
  carrierGradeNat: 'a shared address (100.64.0.0/10)',
  private: 'a private network address',
  uniqueLocal: 'a unique-local address',
  ipv4Mapped: 'an IPv4-mapped IPv6 address',
  rfc6145: 'an IPv4-translated IPv6 address',
  rfc6052: 'an IPv4-embedded (NAT64) IPv6 address',
  '6to4': 'a 6to4 address',
  teredo: 'a Teredo address',
};

/** `::/96` holds the deprecated IPv4-compatible addresses (`::127.0.0.1`), which ipaddr.js calls unicast. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Why a literal IPv4 or IPv6 address (brackets allowed) is not one this service may connect to,
 * or `null` when it is a public unicast address. Everything ipaddr.js does not class as
 * `unicast` is refused: private, shared, link-local, unique-local, multicast, reserved and
 * documentation ranges, and IPv6 forms that carry an IPv4 address; loopback only unless allowed.
 */
export function nonPublicAddress(address: string, allowLoopback: boolean): string | null {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return 'not an IP address';
  const parsed = ipaddr.parse(bare);
  const range = parsed.range();
  if (range === 'unicast' && parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) {
    return 'an IPv4-compatible IPv6 address';
  }
  if (range === 'unicast' || (range === 'loopback' && allowLoopback)) return null;
  return RANGE_WORDS[range] ?? 'a reserved or special-purpose address';
}

/** Top-level names that are never public: special-use (RFC 6761, 6762, 7686, 9476), private use, and common home and office ones. */
const NON_PUBLIC_TLDS = new Set([
  'localhost',
  'local',
  'internal',
  'localdomain',
  'home',
  'lan',
  'corp',
  'intranet',
  'private',
  'test',
  'invalid',
  'example',
  'onion',
  'alt',
  'arpa',
]);

/**
 * Why a host name cannot name a public host, or `null` when it may: names of this machine
 * (`localhost`, `*.localhost`, unless loopback is allowed), names under a top-level name that
 * never resolves publicly (`metadata.google.internal`, `printer.local`, `x.home.arpa`) and
 * single-label names, which only a local search domain completes. A trailing dot
 * (`localhost.`) changes nothing.
 */
export function nonPublicName(hostname: string, allowLoopback: boolean): string | null {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  const top = labels.at(-1) ?? '';
  if (top === 'localhost') return allowLoopback ? null : 'a name of this machine';
  if (labels.length < 2 || top === '') return 'a name without a domain';
  if (NON_PUBLIC_TLDS.has(top)) return `a name under .${top}, which is never public`;
  return null;
}

/**
 * The addresses of `hostname` (a name, or a literal address with or without brackets), each of
 * them public by the policy; throws `NotPublicHostError` when the name or any address it
 * resolves to is not, and the resolver's error when it does not resolve. Connect only to the
 * addresses it returns: resolving the name again may give others.
 */
export async function resolvePublicHost(
  hostname: string,
  policy: PublicHostPolicy,
): Promise<HostAddress[]> {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  if (family !== 0) {
    const refused = nonPublicAddress(bare, policy.allowLoopback);
    if (refused) throw new NotPublicHostError(`${bare} is ${refused}`);
    return [{ address: bare, family: family === 6 ? 6 : 4 }];
  }
  const refusedName = nonPublicName(bare, policy.allowLoopback);
  if (refusedName) throw new NotPublicHostError(`${bare} is ${refusedName}`);
  const addresses = await policy.resolve(bare);
  if (addresses.length === 0) throw new NotPublicHostError(`${bare} resolves to no address`);
  for (const { address } of addresses) {
    const refused = nonPublicAddress(address, policy.allowLoopback);
    if (refused) throw new NotPublicHostError(`${bare} resolves to ${address}, ${refused}`);
  }
  return addresses;
}
