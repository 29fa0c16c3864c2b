import { BOOTSTRAP_ELEMENT_ID, type PageBootstrap } from '../../../shared/PageBootstrap.ts';
import type { FirstStep } from './renderFirstStep.tsx';

const BOOTSTRAP = `<script id="${BOOTSTRAP_ELEMENT_ID}" type="application/json">null</script>`;
const ROOT = '<div id="root"></div>';
const LANG = '<html lang="en">';

/**
 * Puts the bootstrap and the first step into the built page. `<` is escaped so no value can
 * close the script element; the JSON script is data, never executed. The first step is React's
 * escaped markup.
 */
export function renderCheckoutPage(
  template: string,
  bootstrap: PageBootstrap,
  first: FirstStep = { html: '', lang: 'en' },
): string {
  for (const placeholder of [BOOTSTRAP, ROOT, LANG]) {
    if (!template.includes(placeholder)) {
      throw new Error(
        `Lava Checkout: the checkout page template has no ${placeholder} placeholder. Rebuild the page with "pnpm --filter @lava-checkout/service build".`,
      );
    }
  }
  const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c');
  // Functions, not strings: a replacement string would read `$&`, `$'` and `$$` in a
  // merchant's or plan's name as patterns.
  return template
    .replace(LANG, () => `<html lang="${first.lang}">`)
    .replace(
      BOOTSTRAP,
      () => `<script id="${BOOTSTRAP_ELEMENT_ID}" type="application/json">${json}</script>`,
    )
    .replace(ROOT, () => `<div id="root">${first.html}</div>`);
}
