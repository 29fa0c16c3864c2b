import type { Page } from 'playwright-core';
import type { Attacker } from './startAttacker.ts';

/**
 * A cross-origin frame on the merchant page (an ad, a widget) and the page itself post forged
 * successes for the attacker's customer, in both formats, to every origin; returns once the
 * frame has sent its messages, and a little after, for any wrongly accepted one to land.
 */
export async function postForgedSuccesses(page: Page, attacker: Attacker): Promise<void> {
  await page.evaluate(
    ({ src, customerId }) => {
      const evil = document.createElement('iframe');
      evil.src = src;
      evil.title = 'Advertisement';
      document.body.append(evil);
      window.postMessage({ type: 'lava_checkout_success', connectionId: customerId }, '*');
    },
    { src: attacker.url, customerId: attacker.customerId },
  );
  await page.getByTitle('Advertisement').contentFrame().getByText('forged messages sent').waitFor();
  // Give any wrongly accepted message time to land before looking.
  await page.waitForTimeout(300);
}
