import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import { CheckoutPage } from './CheckoutPage.tsx';
import { createCheckoutApi } from './createCheckoutApi.ts';
import type { FrameBridge } from './createFrameBridge.ts';
import type { HeldActions } from './holdEarlyActions.ts';
import { snapshotForm } from './snapshotForm.ts';

export interface TakeOverOptions {
  /** The page's root element, holding the step the server rendered (or nothing). */
  root: Element;
  bootstrap: PageBootstrap;
  /** When the page read its bootstrap (`Date.now()`): its clocks count from then. */
  readAt: number;
  bridge: FrameBridge;
  /** The checkout session's secret, from the page's address. */
  secret: string;
  /** What the customer submitted or pressed while the page's code loaded. */
  held: HeldActions;
}

/**
 * Replaces the step the server rendered with the page's own, in one task: what the customer
 * typed, the focus and the caret carry over, and a submit or a click made meanwhile is made
 * again. The browser paints nothing in between, so the same step shows without a flash, and
 * no keystroke can land between the old field and the new one.
 */
export function takeOver({ root, bootstrap, readAt, bridge, secret, held }: TakeOverOptions): void {
  // The session's idle and expiry clocks started when the page loaded, not now.
  const elapsed = Math.max(0, Date.now() - readAt);
  const current =
    bootstrap.status === 'active'
      ? {
          ...bootstrap,
          idleInMs: Math.max(0, bootstrap.idleInMs - elapsed),
          expiresInMs: Math.max(0, bootstrap.expiresInMs - elapsed),
        }
      : bootstrap;
  const form = snapshotForm(root);
  const action = held.release();
  root.replaceChildren();
  const app = createRoot(root);
  flushSync(() =>
    app.render(
      <StrictMode>
        <CheckoutPage
          bootstrap={current}
          bridge={bridge}
          api={createCheckoutApi(secret)}
          firstValues={form.values}
        />
      </StrictMode>,
    ),
  );
  form.restore(root);
  if (action?.kind === 'submit') root.querySelector('form')?.requestSubmit();
  else if (action?.kind === 'click') root.querySelectorAll('button')[action.button]?.click();
}
