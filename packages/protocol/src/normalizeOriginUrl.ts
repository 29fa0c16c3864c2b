import { LOOPBACK_HOST } from './loopbackHost.ts';

export type NormalizeOriginUrlResult = { ok: true; origin: string } | { ok: false; reason: string };

/** DNS labels (letters, digits, inner hyphens) with at least one dot, or an IPv4 address. */
const REAL_HOST =
  /^(?:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?|\d{1,3}(?:\.\d{1,3}){3})$/;

/**
 * Turns an `origin_url` into a bare origin (`https://yourapp.com/` -> `https://yourapp.com`),
 * or says why it is not one. It becomes the page's `frame-ancestors` and the only target of
 * the frame's messages, so it must be exactly one real site: `https:` (or `http:` on a loopback
 * host, for development), a real host name (no `*`, `$`, quotes or spaces), no path, query,
 * fragment or credentials.
 */
export function normalizeOriginUrl(value: unknown): NormalizeOriginUrlResult {
  if (typeof value !== 'string' || value.length === 0) {
    return { ok: false, reason: 'it is missing' };
  }
  if (value.length > 2048 || /[\s"'`<>\\^{}|*$]/.test(value)) {
    return {
      ok: false,
      reason: 'it holds characters no origin has (such as *, $, quotes or spaces)',
    };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'it is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `it uses ${url.protocol} but must use https:` };
  }
  const loopback = LOOPBACK_HOST.test(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return { ok: false, reason: 'it must use https: (plain http: only on a loopback host)' };
  }
  if (!loopback && !REAL_HOST.test(url.hostname)) {
    return { ok: false, reason: `"${url.hostname}" is not a real host name` };
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return { ok: false, reason: 'it has a path, query, fragment or credentials' };
  }
  return { ok: true, origin: url.origin };
}
