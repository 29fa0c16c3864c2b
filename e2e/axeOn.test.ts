import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeOn } from './axeOn.ts';
import { launchChromium } from './launchChromium.ts';

/** A page that frames another site, as the merchant's page frames the checkout. */
const TOP = (frameUrl: string) =>
  `<!doctype html><html lang="en"><title>Merchant</title><main><h1>Merchant</h1><iframe title="Checkout" src="${frameUrl}"></iframe></main></html>`;
/** The framed page: one labelled field, and one button with no name (a violation). */
const FRAMED =
  '<!doctype html><html lang="en"><title>Checkout</title><main><label>Phone <input></label><button></button></main></html>';

let server: Server;
let port = 0;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = createServer((request, response) => {
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end(request.url === '/framed' ? FRAMED : TOP(`http://127.0.0.1:${port}/framed`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe('axeOn', () => {
  it('checks a framed page of another site even when it is slow, and again on a second analysis', async () => {
    const context = await browser.newContext();
    page = await context.newPage();
    // Another site than the frame's (localhost, 127.0.0.1): the frame runs in a process of its own.
    await page.goto(`http://localhost:${port}/`);
    const frame = page.frameLocator('iframe');
    await frame.getByRole('textbox', { name: 'Phone' }).waitFor();
    const framed = page.frames().find((f) => f !== page.mainFrame());
    if (!framed) throw new Error('the page has no frame');
    // Slow enough that loading axe into the frame takes more than the library's one second.
    const cdp = await context.newCDPSession(framed);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });

    for (const analysis of [1, 2]) {
      const results = await axeOn(page).analyze();
      // The frame's own findings: its unnamed button, and its labelled field.
      expect({ analysis, violations: results.violations.map((v) => v.id) }).toEqual({
        analysis,
        violations: expect.arrayContaining(['button-name']),
      });
      expect(results.passes.map((p) => p.id)).toContain('label');
      expect(results.incomplete.map((r) => r.id)).not.toContain('frame-tested');
    }
    await context.close();
  });
});
