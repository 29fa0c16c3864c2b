import type { AccountBootstrap } from '../../../shared/accountContract.ts';
import { BOOTSTRAP_ELEMENT_ID } from '../../../shared/PageBootstrap.ts';

const BOOTSTRAP = `<script id="${BOOTSTRAP_ELEMENT_ID}" type="application/json">null</script>`;

/**
 * Puts the account's bootstrap into the built account page. `<` is escaped so no value can close
 * the script element; the JSON script is data, never executed.
 */
export function renderAccountPage(template: string, bootstrap: AccountBootstrap): string {
  if (!template.includes(BOOTSTRAP)) {
    throw new Error(
      `Lava Checkout: the account page template has no ${BOOTSTRAP} placeholder. Rebuild the page with "pnpm --filter @lava-checkout/service build".`,
    );
  }
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  return template.replace(
    BOOTSTRAP,
    () => `<script id="${BOOTSTRAP_ELEMENT_ID}" type="application/json">${json}</script>`,
  );
}
