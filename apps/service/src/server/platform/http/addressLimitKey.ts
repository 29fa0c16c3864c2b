import ipaddr from 'ipaddr.js';

/** How much of an IPv6 address names one client: a /64 is what one home or phone is given. */
const IPV6_CLIENT_HEXTETS = 4;

/**
 * What the limits per address count for the client address `ip` (from `clientIp`): an IPv4
 * address as it is, an IPv6 address by its /64 network (one subscriber gets a whole /64 and
 * may pick any address in it), anything else as it is. `null` when no limit per address
 * applies: in development, to requests from this machine (loopback), so a developer trying
 * their own checkout is never held back; production counts every address.
 */
export function addressLimitKey(ip: string, production: boolean): string | null {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (!production && address.range() === 'loopback') return null;
  if (!(address instanceof ipaddr.IPv6)) return address.toString();
  const network = address.parts.map((part, i) => (i < IPV6_CLIENT_HEXTETS ? part : 0));
  return `${new ipaddr.IPv6(network).toString()}/64`;
}
