export interface ScriptTagPageOptions {
  /** The checkout service's base URL, ending in `/`. */
  checkoutUrl: string;
  /** The tag's Subresource Integrity hash, `sha384-…`. */
  integrity: string;
  /** Adds a stylesheet that restyles every button, iframe, div and dialog, as some sites do. */
  hostile?: boolean;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The demo's page for sites without a bundler: the plan, a declarative Subscribe button and
 * the script tag, pinned by its integrity hash. Its own script only listens to the events.
 */
export function renderScriptTagPage({
  checkoutUrl,
  integrity,
  hostile = false,
}: ScriptTagPageOptions): string {
  const tag = new URL('js/lava-checkout.js', checkoutUrl).href;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Acme AI · Pricing (script tag)</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/acme.css" />${hostile ? '\n    <link rel="stylesheet" href="/hostile.css" />' : ''}
    <script src="${escapeHtml(tag)}" integrity="${escapeHtml(integrity)}" crossorigin="anonymous" defer></script>
    <script src="/script-tag-demo.js" defer></script>
  </head>
  <body>
    <main>
      <p class="brand">Acme AI</p>
      <div class="plan">
        <h1>Pro Plan</h1>
        <p class="price">$49.00 <span>/ month</span></p>
        <p>$25.00 of usage credit included every month; AI Chat Tokens at $3.00 per million.</p>
        <button type="button" data-lava-checkout="/api/checkout-session">Subscribe to Pro Plan</button>
      </div>
      <div id="result" aria-live="polite"></div>
      <p class="balance">Your credits: <span data-lava-balance="/api/customer-session"></span></p>
    </main>
  </body>
</html>
`;
}
