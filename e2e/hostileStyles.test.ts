import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkoutFrame, recordEvents } from './checkoutSteps.ts';
import { launchChromium } from './launchChromium.ts';
import { startTestStack, type TestStack } from './startTestStack.ts';

let stack: TestStack;
let browser: Browser;
let context: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  stack = await startTestStack('hostile');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

afterEach(async () => {
  await context?.close();
});

/** The demo's script-tag page under a stylesheet that restyles every button, iframe, div and dialog. */
async function openOnHostilePage(width: number, height: number) {
  // A context of its own: axe's Playwright binding needs one.
  context = await browser.newContext({ viewport: { width, height } });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${stack.demoOrigin}/hostile.html`);
  await page.waitForFunction(() => 'LavaCheckout' in window);
  const events = await recordEvents(page);
  const trigger = page.getByRole('button', { name: 'Subscribe to Pro Plan' });
  await trigger.click();
  const frame = await checkoutFrame(page);
  const phone = frame.getByRole('textbox', { name: 'Phone number' });
  // Ready: the frame took focus on its first field.
  await expect
    .poll(() => phone.evaluate((el) => el === document.activeElement && document.hasFocus()))
    .toBe(true);
  return { events, trigger, phone };
}

/** WCAG contrast ratio of two computed `rgb()` colours. */
const contrast = (a: string, b: string) => {
  const luminance = (color: string) => {
    const [r = 0, g = 0, bl = 0] = (color.match(/[\d.]+/g) ?? []).map((c) => {
      const s = Number(c) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

describe('the overlay on a page whose global CSS restyles buttons, iframes, divs and dialogs', () => {
  it('keeps a close button of at least 3:1 contrast and a centred dialog', async () => {
    await openOnHostilePage(1280, 800);
    const close = page.getByRole('button', { name: 'Close checkout' });
    const colours = await close.evaluate((el) => {
      const style = getComputedStyle(el);
      return { ink: style.color, background: style.backgroundColor };
    });
    expect(colours.background).not.toMatch(/rgba\(.*, 0\)|transparent/);
    expect(contrast(colours.ink, colours.background)).toBeGreaterThanOrEqual(3);

    const panel = await page.getByTitle('Checkout').evaluate((el) => {
      const box = (el.parentElement as HTMLElement).getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width };
    });
    expect(Math.abs(panel.x - 640)).toBeLessThanOrEqual(1);
    expect(Math.abs(panel.y - 400)).toBeLessThanOrEqual(1);
    expect(panel.width).toBe(480);
    const frameBox = await page.getByTitle('Checkout').boundingBox();
    expect(frameBox?.width).toBe(480);
  });

  it('cancels on Escape in the phone field, and gives focus back to the trigger', async () => {
    const { events, trigger } = await openOnHostilePage(1280, 800);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    expect((await events()).at(-1)).toMatchObject({ type: 'cancel' });
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('moves focus from the first field to the close button on Shift+Tab, and back on Tab', async () => {
    const { phone } = await openOnHostilePage(1280, 800);
    // The country picker comes first, in the phone field's box.
    await page.keyboard.press('Shift+Tab');
    const country = (await checkoutFrame(page)).getByRole('combobox', { name: 'Country' });
    await expect.poll(() => country.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    const close = page.getByRole('button', { name: 'Close checkout' });
    await expect
      .poll(() => close.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el))
      .toBe(true);
    await page.keyboard.press('Tab');
    await expect
      .poll(() => phone.evaluate((el) => el === document.activeElement && document.hasFocus()))
      .toBe(true);
  });

  it.each([
    [1280, 800],
    [390, 844],
  ])('has no axe violation in the open overlay at %i px', async (width, height) => {
    await openOnHostilePage(width, height);
    const results = await new AxeBuilder({ page }).include('lava-checkout').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    // It did look: at the close button, the frame's title, and the checkout page's fields.
    const passed = results.passes.map((p) => p.id);
    expect(passed).toEqual(expect.arrayContaining(['button-name', 'frame-title', 'label']));
    if (width < 480) {
      const panel = await page.getByTitle('Checkout').evaluate((el) => {
        const box = (el.parentElement as HTMLElement).getBoundingClientRect();
        return [box.width, box.height];
      });
      expect(panel).toEqual([width, height]);
    }
  });
});
