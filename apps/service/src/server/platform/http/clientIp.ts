import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import ipaddr from 'ipaddr.js';

/** An `X-Forwarded-For` entry may carry a port (`203.0.113.7:4711`, `[2001:db8::1]:443`). */
const WITH_PORT = /^(?:\[([^\]]+)\]|(\d{1,3}(?:\.\d{1,3}){3})):\d+$/;
/** What is kept of an entry that is not an address, so a garbage header cannot grow a row. */
const MAX_ENTRY = 64;

/**
 * The address a request came from, for the limits per address. Without trusted proxies, the
 * socket's peer. Behind `trustedProxies` proxies that each append the address they received the
 * request from to `X-Forwarded-For` (the usual setting), the entry that many places from the
 * right: the entries left of it are whatever the client sent, so they never count. An IPv4
 * address written as IPv6 (`::ffff:203.0.113.7`) reads as IPv4.
 */
export function clientIp(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const entries = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    // Fewer entries than proxies: the request came through fewer of them; the leftmost is the
    // furthest address any of them saw.
    const entry = entries[Math.max(0, entries.length - trustedProxies)];
    if (entry !== undefined) return normalize(entry);
  }
  try {
    return normalize(getConnInfo(c).remote.address ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

function normalize(entry: string): string {
  const match = WITH_PORT.exec(entry);
  const address = match?.[1] ?? match?.[2] ?? entry;
  return ipaddr.isValid(address)
    ? ipaddr.process(address).toString()
    : entry.slice(0, MAX_ENTRY).toLowerCase();
}
