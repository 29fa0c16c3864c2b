import { mountBalanceBadge } from './mountBalanceBadge.ts';

// lava-checkout-balance.js: what lava-checkout.js adds to a page that has a
// `data-lava-balance` element. It trusts tokens only for the origin it was served from.
const src = (document.currentScript as HTMLScriptElement | null)?.src;
for (const host of document.querySelectorAll<HTMLElement>('[data-lava-balance]')) {
  mountBalanceBadge(host, src ? { checkoutOrigin: new URL(src).origin } : {});
}
