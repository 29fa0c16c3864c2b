/**
 * The page's Content-Security-Policy: its own scripts, styles and API only, and framing only
 * by the session's merchant origin. A page for a session we cannot read shows an error and
 * nothing else, so anyone may frame it: that lets a merchant with a broken token see why.
 */
export function checkoutPageCsp(frameAncestor: string | null): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "form-action 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestor ?? '*'}`,
  ].join('; ');
}
