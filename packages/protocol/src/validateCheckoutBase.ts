export type ValidateCheckoutBaseResult =
  | { ok: true; origin: string }
  | { ok: false; reason: string };

import { LOOPBACK_HOST } from './loopbackHost.ts';

/**
 * Checks a checkout `base` URL before anything is loaded from it: `https:`, or `http:` on a
 * loopback host for development; no credentials, query or fragment; a path ending in `/`.
 * Anything else (`javascript:`, `data:`, plain http on the internet) is refused, because the
 * iframe's address is built from it.
 */
export function validateCheckoutBase(base: string): ValidateCheckoutBaseResult {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return { ok: false, reason: 'its base is not an absolute URL' };
  }
  const secure = url.protocol === 'https:';
  const loopbackHttp = url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname);
  if (!secure && !loopbackHttp) {
    return {
      ok: false,
      reason: `its base is ${url.protocol}, not https: (or http: on a loopback host)`,
    };
  }
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    !url.pathname.endsWith('/') ||
    url.href !== base
  ) {
    return {
      ok: false,
      reason:
        'its base is not a normalised URL ending in "/" without credentials, query or fragment',
    };
  }
  return { ok: true, origin: url.origin };
}
