import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A new page for a test: its waits end on the event, with room for a loaded machine. */
export async function newTestPage(from: Browser | BrowserContext): Promise<Page> {
  const page = await from.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}
