import type { ProcessorPageConfig } from '../../../shared/PageBootstrap.ts';

/** The origin an image URL loads from, for `img-src`; `null` for anything but http(s). */
const imageOrigin = (url: string | null): string | null => {
  if (url === null) return null;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : null;
  } catch {
    return null;
  }
};

/**
 * The page's Content-Security-Policy: its own scripts, styles and API only, and framing only
 * by the session's merchant origin. A page for a session we cannot read shows an error and
 * nothing else, so anyone may frame it: that lets a merchant with a broken token see why.
 * Images come from the page itself, and from the one origin of the merchant's logo. Inline
 * style: only the `<style>` elements of the page's template, by hash (`styleHashes`).
 */
export function checkoutPageCsp(
  frameAncestor: string | null,
  processor: ProcessorPageConfig['kind'] = 'test',
  logoUrl: string | null = null,
  styleHashes: readonly string[] = [],
): string {
  // Stripe's page code and its card fields come from Stripe; nothing else loads from outside.
  const stripe = processor === 'stripe';
  const logo = imageOrigin(logoUrl);
  return [
    "default-src 'none'",
    `script-src 'self'${stripe ? ' https://js.stripe.com' : ''}`,
    ["style-src 'self'", ...styleHashes].join(' '),
    `img-src 'self' data:${logo ? ` ${logo}` : ''}`,
    `connect-src 'self'${stripe ? ' https://api.stripe.com' : ''}`,
    ...(stripe ? ['frame-src https://js.stripe.com https://hooks.stripe.com'] : []),
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestor ?? '*'}`,
  ].join('; ');
}
