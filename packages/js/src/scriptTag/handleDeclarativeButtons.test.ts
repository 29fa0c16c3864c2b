import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScriptTagApi } from './createScriptTagApi.ts';
import { handleDeclarativeButtons } from './handleDeclarativeButtons.ts';

const ORIGIN = window.location.origin;
const TOKEN = encodeCheckoutToken({ secret: 'ready.html', base: `${ORIGIN}/` });
const SID = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CID = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.querySelector('lava-checkout')?.remove();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/** A merchant page with one declarative button, and the events it receives. */
function page(url: string, checkoutOrigin?: string) {
  const button = document.createElement('button');
  button.dataset.lavaCheckout = url;
  button.textContent = 'Subscribe to Pro Plan';
  document.body.append(button);
  const events: { type: string; detail: unknown }[] = [];
  for (const name of ['ready', 'step', 'success', 'cancel', 'error']) {
    document.addEventListener(`lava-checkout:${name}`, (event) =>
      events.push({ type: event.type, detail: (event as CustomEvent).detail }),
    );
  }
  const api = createScriptTagApi(checkoutOrigin ? { checkoutOrigin } : {});
  stop = handleDeclarativeButtons(document, api);
  return { events, api };
}

/** The merchant's endpoint that mints sessions (a server this test cannot run). */
const mintEndpoint = (response: Response) => vi.spyOn(window, 'fetch').mockResolvedValue(response);

const insideFrame = () => {
  const host = document.body.querySelector('lava-checkout');
  const frame = within(host?.shadowRoot as unknown as HTMLElement).getByTitle('Checkout');
  return within((frame as HTMLIFrameElement).contentDocument?.body as HTMLElement);
};

describe('a <button data-lava-checkout>', () => {
  it('POSTs to its URL, opens the session, and dispatches ready, step and success on the button', async () => {
    const fetch = mintEndpoint(Response.json({ checkout_session_token: TOKEN }));
    const { events } = page('/api/checkout-session', ORIGIN);
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    expect(fetch).toHaveBeenCalledWith(new URL('/api/checkout-session', ORIGIN), {
      method: 'POST',
    });
    await waitFor(() => expect(events.map((e) => e.type)).toContain('lava-checkout:step'), {
      timeout: 5000,
    });
    expect(events.slice(0, 2)).toEqual([
      { type: 'lava-checkout:ready', detail: { checkoutSessionId: SID } },
      { type: 'lava-checkout:step', detail: { checkoutSessionId: SID, step: 'phone' } },
    ]);
    insideFrame().getByRole('button', { name: 'Pay' }).click();
    await waitFor(() => expect(events.at(-1)?.type).toBe('lava-checkout:success'), {
      timeout: 5000,
    });
    expect(events.at(-1)?.detail).toEqual({
      checkoutSessionId: SID,
      customerId: CID,
      connectionId: CID,
    });
    expect(events.filter((e) => e.type === 'lava-checkout:success')).toHaveLength(1);
  });

  it('refuses a URL on another site, without fetching it', async () => {
    const fetch = mintEndpoint(Response.json({ checkout_session_token: TOKEN }));
    const { events } = page('https://elsewhere.example/api/checkout-session');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    expect(fetch).not.toHaveBeenCalled();
    expect(events).toEqual([
      {
        type: 'lava-checkout:error',
        detail: {
          checkoutSessionId: null,
          error: {
            code: 'session_request_failed',
            message:
              'Lava Checkout: data-lava-checkout must be a URL on this site, not https://elsewhere.example.',
          },
        },
      },
    ]);
  });

  it.each([
    ['an error status', new Response('nope', { status: 500 }), 'got 500'],
    ['JSON without a token', Response.json({ token: TOKEN }), 'got undefined'],
  ])('reports %s from the endpoint as session_request_failed', async (_, response, why) => {
    mintEndpoint(response);
    const { events } = page('/api/checkout-session');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({
      type: 'lava-checkout:error',
      detail: { error: { code: 'session_request_failed', message: expect.stringContaining(why) } },
    });
    expect(screen.getByRole('button', { name: 'Subscribe to Pro Plan' })).not.toHaveAttribute(
      'aria-busy',
    );
  });

  it('refuses a token for an origin the tag does not trust, and makes no frame', async () => {
    mintEndpoint(Response.json({ checkout_session_token: TOKEN }));
    const { events } = page('/api/checkout-session', 'https://checkout.example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({
      type: 'lava-checkout:error',
      detail: { error: { code: 'invalid_token' } },
    });
    expect(document.body.querySelector('lava-checkout')).toBeNull();
  });
});
