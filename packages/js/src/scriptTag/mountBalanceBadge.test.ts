import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountBalanceBadge } from './mountBalanceBadge.ts';

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

/**
 * A merchant page with `<span data-lava-balance="/api/customer-session">`, its endpoint's
 * answer (a server this test cannot run), and the events the element receives.
 */
function page(answer: Response) {
  const fetch = vi.spyOn(window, 'fetch').mockResolvedValue(answer);
  const host = document.createElement('span');
  host.dataset.lavaBalance = '/api/customer-session';
  document.body.append(host);
  const events: { type: string; detail: unknown }[] = [];
  for (const name of ['update', 'error']) {
    host.addEventListener(`lava-balance:${name}`, (event) =>
      events.push({ type: event.type, detail: (event as CustomEvent).detail }),
    );
  }
  unmount = mountBalanceBadge(host, { checkoutOrigin: window.location.origin });
  return { host, fetch, events };
}

describe('<span data-lava-balance>', () => {
  it('shows nothing and reports no error when the endpoint says nobody is signed in (a null token)', async () => {
    const { host, fetch, events } = page(Response.json({ customer_session_token: null }));
    await waitFor(() => expect(host.shadowRoot?.childNodes).toHaveLength(0));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith(new URL('/api/customer-session', window.location.origin), {
      method: 'POST',
    });
    expect(events).toEqual([]);
    expect(host.shadowRoot?.textContent).toBe('');
  });

  it('still reports an endpoint that gives no answer it can read, with what to fix', async () => {
    const { host, events } = page(new Response('Not found', { status: 404 }));
    await waitFor(() => expect(events).toHaveLength(1));
    expect(events[0]).toEqual({
      type: 'lava-balance:error',
      detail: {
        code: 'session_request_failed',
        message: expect.stringMatching(
          /^Lava Checkout: POST \/api\/customer-session gave no customer_session_token \(got 404\)/,
        ),
      },
    });
    expect(host.shadowRoot?.querySelector('button')?.textContent).toBe('Balance unavailable');
  });
});
