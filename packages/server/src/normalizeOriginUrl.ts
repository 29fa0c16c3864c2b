const LOOPBACK_HOST = /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Turns an `origin_url` into a bare origin (`https://yourapp.com/` -> `https://yourapp.com`),
 * or explains why it is not one. Live keys need https (or http on a loopback host); test keys
 * also accept plain http, for development machines on a LAN.
 */
export function normalizeOriginUrl(
  value: unknown,
  environment: 'test' | 'live',
): { ok: true; origin: string } | { ok: false; reason: string } {
  if (typeof value !== 'string' || value.length === 0) {
    return { ok: false, reason: 'it is missing' };
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'it is not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: `it uses ${url.protocol} but must use https: or http:` };
  }
  if (url.protocol === 'http:' && environment === 'live' && !LOOPBACK_HOST.test(url.hostname)) {
    return { ok: false, reason: 'live keys need an https: origin' };
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return { ok: false, reason: 'it has a path, query, fragment or credentials' };
  }
  return { ok: true, origin: url.origin };
}
