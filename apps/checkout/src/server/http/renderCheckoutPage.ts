import { BOOTSTRAP_ELEMENT_ID, type PageBootstrap } from '../../shared/PageBootstrap.ts';

const PLACEHOLDER = `<script id="${BOOTSTRAP_ELEMENT_ID}" type="application/json">null</script>`;

/**
 * Puts the bootstrap into the built page. `<` is escaped so no value can close the script
 * element; the JSON script is data, never executed.
 */
export function renderCheckoutPage(template: string, bootstrap: PageBootstrap): string {
  if (!template.includes(PLACEHOLDER)) {
    throw new Error(
      `Lava Checkout: the checkout page template has no ${PLACEHOLDER} placeholder. Rebuild the page with "pnpm --filter @lava-checkout/checkout-app build".`,
    );
  }
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  // A function, not a string: a replacement string would read `$&`, `$'` and `$$` in a
  // merchant's or plan's name as patterns.
  return template.replace(
    PLACEHOLDER,
    () => `<script id="${BOOTSTRAP_ELEMENT_ID}" type="application/json">${json}</script>`,
  );
}
