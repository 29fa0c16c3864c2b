import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { axeOn } from './axeOn.ts';
import { checkoutFrame, recordEvents } from './checkoutSteps.ts';
import { setUpStackAndChromium } from './setUpStackAndChromium.ts';

let context: BrowserContext | undefined;
let page: Page;

const e2e = setUpStackAndChromium('hostile');

afterEach(async () => {
  await context?.close();
});

/** The demo's script-tag page under a stylesheet that restyles every button, iframe, div and dialog. */
async function openOnHostilePage(width: number, height: number) {
  // A context of its own: axe's Playwright binding needs one.
  context = await e2e.browser.newContext({ viewport: { width, height } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000); // waits end on the event; room for a loaded machine
  await page.goto(`${e2e.stack.demoOrigin}/hostile.html`);
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
    // The key goes down in the frame and comes up once the frame is gone: Chromium's test
    // input waits for each key event to be acknowledged, and a key-up sent to a frame that is
    // being removed never is, so `press` could hang for good.
    await page.keyboard.down('Escape');
    await page.getByRole('dialog', { name: 'Checkout' }).waitFor({ state: 'detached' });
    await page.keyboard.up('Escape');
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
    const results = await axeOn(page).include('lava-checkout').analyze();
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

/**
 * The demo's script-tag page on a phone (390 px, touch, the page's meta viewport honoured), with
 * a 600 px wide table in front of its content when `wide`.
 */
async function openOnPhone(path: '/script-tag.html' | '/hostile.html', wide = false) {
  context = await e2e.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 3,
  });
  page = await context.newPage();
  page.setDefaultTimeout(20_000); // waits end on the event; room for a loaded machine
  await page.goto(`${e2e.stack.demoOrigin}${path}`);
  await page.waitForFunction(() => 'LavaCheckout' in window);
  if (wide) {
    await page.evaluate(() => {
      const table = document.createElement('table');
      table.setAttribute('width', '600');
      table.setAttribute('border', '1');
      table.createTBody().insertRow().append('Plan', 'Requests per month', 'Price');
      document.querySelector('main')?.prepend(table);
    });
    // It is the case this is about: the page is laid out wider than the screen.
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
      .toBeGreaterThanOrEqual(600);
  }
  return page;
}

/** Opens the checkout with the page's Subscribe button, once the page answered. */
async function openCheckout() {
  await page.getByRole('button', { name: 'Subscribe to Pro Plan' }).click();
  const frame = await checkoutFrame(page);
  await frame.getByRole('textbox', { name: 'Phone number' }).waitFor();
}

/**
 * Where the checkout's panel, its close button and the frame lie on the screen the customer
 * sees (the visual viewport), in CSS pixels from its top left corner.
 */
const onScreen = () =>
  page.getByTitle('Checkout').evaluate((frame) => {
    const screen = window.visualViewport as VisualViewport;
    const panel = frame.parentElement as HTMLElement;
    const close = panel.querySelector('button') as HTMLElement;
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return {
        left: r.left - screen.offsetLeft,
        top: r.top - screen.offsetTop,
        right: r.right - screen.offsetLeft,
        bottom: r.bottom - screen.offsetTop,
      };
    };
    return {
      screen: { width: screen.width, height: screen.height },
      layoutWidth: document.documentElement.scrollWidth,
      panel: box(panel),
      close: box(close),
      frame: box(frame),
    };
  });

type Box = { left: number; top: number; right: number; bottom: number };
const within = (box: Box, screen: { width: number; height: number }) =>
  box.left >= -0.5 &&
  box.top >= -0.5 &&
  box.right <= screen.width + 0.5 &&
  box.bottom <= screen.height + 0.5;

describe('the overlay on a phone, 390 px wide', () => {
  it.each([
    ['a page with a 600 px wide table', '/script-tag.html', true],
    ['the hostile page', '/hostile.html', false],
  ] as const)(
    'fills the screen on %s, its panel, close button and frame within it',
    async (_, path, wide) => {
      await openOnPhone(path, wide);
      await openCheckout();
      const seen = await onScreen();
      expect(seen.screen.width).toBe(390);
      expect(within(seen.panel, seen.screen), JSON.stringify(seen)).toBe(true);
      expect(within(seen.close, seen.screen), JSON.stringify(seen)).toBe(true);
      expect(within(seen.frame, seen.screen), JSON.stringify(seen)).toBe(true);
      // The whole screen, as a phone's checkout should be.
      expect(Math.round(seen.panel.right - seen.panel.left)).toBe(390);
      expect(Math.round(seen.panel.bottom - seen.panel.top)).toBe(Math.round(seen.screen.height));
    },
  );

  it('fills what is seen when the customer has zoomed in, and follows the zoom', async () => {
    await openOnPhone('/script-tag.html', true);
    const cdp = await context?.newCDPSession(page);
    await cdp?.send('Emulation.setPageScaleFactor', { pageScaleFactor: 2 });
    await expect.poll(() => page.evaluate(() => window.visualViewport?.scale)).toBe(2);
    await openCheckout();
    let seen = await onScreen();
    expect(seen.screen.width).toBe(195);
    expect(within(seen.panel, seen.screen), JSON.stringify(seen)).toBe(true);
    expect(within(seen.close, seen.screen), JSON.stringify(seen)).toBe(true);
    await cdp?.send('Emulation.setPageScaleFactor', { pageScaleFactor: 1 });
    await expect.poll(async () => Math.round((await onScreen()).panel.right)).toBe(390);
    seen = await onScreen();
    expect(within(seen.panel, seen.screen), JSON.stringify(seen)).toBe(true);
  });
});
