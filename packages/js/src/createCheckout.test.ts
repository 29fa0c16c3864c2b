import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { type Checkout, createCheckout } from './createCheckout.ts';
import type { CheckoutState } from './types.ts';

// The stand-in checkout page (.storybook/fake-checkout) is served at this origin's
// /embed/checkout/: the "secret" names which stand-in loads.
const ORIGIN = window.location.origin;
const BASE = `${ORIGIN}/`;
const tokenFor = (page: 'ready.html' | 'silent.html' | 'deaf.html') =>
  encodeCheckoutToken({ secret: page, base: BASE });
const TOKEN = tokenFor('ready.html');
const SID = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CID = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

const callbacks = () => ({
  onSuccess: vi.fn(),
  onCancel: vi.fn(),
  onError: vi.fn(),
  onReady: vi.fn(),
  onStepChange: vi.fn(),
});

let checkout: Checkout | undefined;
afterEach(() => {
  vi.useRealTimers();
  checkout?.destroy();
  checkout = undefined;
  document.body.replaceChildren();
});

/** The overlay's shadow root, queried by role like the rest of the page. */
const overlay = () => {
  const host = document.body.querySelector('lava-checkout');
  if (!host?.shadowRoot) throw new Error('no overlay on the page');
  return within(host.shadowRoot as unknown as HTMLElement);
};
const frames = () => document.body.querySelectorAll('lava-checkout').length;
const frameOf = () => overlay().getByTitle('Checkout') as HTMLIFrameElement;
const insideFrame = () => within(frameOf().contentDocument?.body as HTMLElement);
const helloOf = () => JSON.parse(frameOf().contentDocument?.body.dataset.hello ?? 'null');
const until = (c: Checkout, done: (state: CheckoutState) => boolean) =>
  new Promise<CheckoutState>((resolve) => {
    if (done(c.getState())) return resolve(c.getState());
    const stop = c.subscribe((state) => {
      if (!done(state)) return;
      stop();
      resolve(state);
    });
  });

/** What hit testing finds on top at the centre of an element in the overlay's shadow root. */
const topmostAtCentreOf = (element: Element) => {
  const box = element.getBoundingClientRect();
  const root = element.getRootNode() as ShadowRoot;
  return root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
};

function trigger() {
  const button = document.createElement('button');
  button.textContent = 'Subscribe to Pro Plan';
  document.body.append(button);
  button.focus();
  return button;
}

async function openReady(options: Parameters<typeof createCheckout>[0] = {}) {
  const calls = callbacks();
  checkout = createCheckout({ checkoutOrigin: ORIGIN, ...calls, ...options });
  const button = trigger();
  const result = checkout.open(TOKEN);
  await until(checkout, (state) => state.status === 'ready' && state.step === 'phone');
  // Shown: a dialog opened as a modal (a closed one is a preloaded frame, off screen).
  await waitFor(() =>
    expect(overlay().getByRole('dialog', { name: 'Checkout' })).toHaveAttribute('open'),
  );
  return { checkout, calls, result, button };
}

/**
 * Opens a page that shows its first step but never answers the handshake, from a button, and
 * waits for its dialog to open.
 */
async function openSilent() {
  checkout = createCheckout({ checkoutOrigin: ORIGIN });
  trigger();
  void checkout.open(tokenFor('silent.html'));
  const dialog = await overlay().findByRole('dialog', { name: 'Checkout' });
  // The first open of the run also waits for the dev server to build the overlay's chunk.
  await waitFor(() => expect(dialog).toHaveAttribute('open'), { timeout: 5000 });
  return checkout;
}

describe('createCheckout, given a token', () => {
  it('starts the frame request before open() returns, at base + embed/checkout/secret', () => {
    checkout = createCheckout({ checkoutOrigin: ORIGIN });
    void checkout.open(TOKEN);
    const frame = frameOf();
    expect(frame.src).toBe(`${BASE}embed/checkout/ready.html`);
    expect(frame).toHaveAttribute('referrerpolicy', 'no-referrer');
    // The page may read the texted code for the customer (WebOTP), inside the frame.
    expect(frame.getAttribute('allow')?.split(/;\s*/)).toContain('otp-credentials');
    expect(checkout.getState()).toMatchObject({
      status: 'loading',
      origin: window.location.origin,
    });
  });

  it('shows a modal dialog named Checkout with a loading status, focus on its close button', async () => {
    await openSilent();
    expect(overlay().getByRole('status')).toHaveTextContent('Loading checkout…');
    const close = overlay().getByRole('button', { name: 'Close checkout' });
    await waitFor(() => expect(close.getRootNode()).toHaveProperty('activeElement', close));
  });

  it('shows the page once it paints, before the handshake: the loading notice lies under the frame', async () => {
    const opened = await openSilent();
    const frame = frameOf();
    // The page has loaded (not the blank document a frame starts with) and shows its field.
    await waitFor(() =>
      expect(within(frame.contentDocument?.body as HTMLElement).getByRole('textbox')).toBeVisible(),
    );
    expect(opened.getState().status).toBe('loading');
    expect(overlay().getByRole('status')).toHaveTextContent('Loading checkout…');
    // On top where frame and notice overlap: the frame, whose painted page hides the notice.
    expect(topmostAtCentreOf(frame)).toBe(frame);
  });

  it('sends hello with a fresh nonce, the checked appearance and the locale', async () => {
    await openReady({ appearance: { theme: 'dark' }, locale: 'pt-br' });
    // The service renders the first step in it, before any handshake.
    expect(frameOf().src).toBe(`${BASE}embed/checkout/ready.html?locale=pt-br`);
    expect(helloOf()).toEqual({
      v: 1,
      type: 'lava:hello',
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      appearance: { theme: 'dark' },
      locale: 'pt-BR',
    });
  });

  it('becomes ready, calls onReady once and onStepChange, and gives the frame focus', async () => {
    const { calls } = await openReady();
    expect(calls.onReady).toHaveBeenCalledTimes(1);
    expect(calls.onReady).toHaveBeenCalledWith({ checkoutSessionId: SID });
    expect(calls.onStepChange).toHaveBeenCalledWith({ checkoutSessionId: SID, step: 'phone' });
    await waitFor(() =>
      expect(insideFrame().getByRole('textbox', { name: 'Phone number' })).toHaveFocus(),
    );
  });

  it('sizes the frame to the height the page reports', async () => {
    await openReady();
    const reported = Math.ceil(frameOf().contentDocument!.body.getBoundingClientRect().height);
    await waitFor(() => expect(frameOf().style.height).toBe(`${reported}px`));
  });

  it('keeps the success screen for successDelayMs, then closes, resolves and calls onSuccess once', async () => {
    const { checkout, calls, result, button } = await openReady({ successDelayMs: 1500 });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    insideFrame().getByRole('button', { name: 'Pay' }).click();
    await until(checkout, (state) => state.status === 'success');
    vi.advanceTimersByTime(1499);
    expect(insideFrame().getByText('You are subscribed')).toBeVisible();
    expect(calls.onSuccess).not.toHaveBeenCalled();
    const order: string[] = [];
    calls.onSuccess.mockImplementation(() => order.push(`onSuccess, ${frames()} overlays`));
    void result.then(() => order.push('resolved'));
    vi.advanceTimersByTime(1);
    expect(await result).toEqual({
      status: 'success',
      checkoutSessionId: SID,
      customerId: CID,
      connectionId: CID,
    });
    expect(order).toEqual(['onSuccess, 0 overlays', 'resolved']);
    expect(calls.onSuccess).toHaveBeenCalledTimes(1);
    expect(calls.onSuccess).toHaveBeenCalledWith({
      checkoutSessionId: SID,
      customerId: CID,
      connectionId: CID,
    });
    expect(button).toHaveFocus();
  });

  it('asks the page on "Close checkout": it answers cancel, onCancel runs once, focus returns', async () => {
    const { calls, result, button } = await openReady();
    overlay().getByRole('button', { name: 'Close checkout' }).click();
    expect(await result).toEqual({ status: 'cancel', checkoutSessionId: SID });
    expect(calls.onCancel).toHaveBeenCalledTimes(1);
    expect(frames()).toBe(0);
    expect(button).toHaveFocus();
  });

  it('stays open and says so when the page refuses to close during a payment', async () => {
    const { checkout, calls } = await openReady();
    insideFrame().getByRole('button', { name: 'Start the payment' }).click();
    await until(checkout, (state) => state.status === 'ready' && state.step === 'processing');
    checkout.close();
    await until(checkout, (state) => state.status === 'ready' && state.closeRefused);
    expect(overlay().getByRole('status')).toHaveTextContent('Your payment is being processed.');
    expect(overlay().getByRole('dialog', { name: 'Checkout' })).toBeVisible();
    expect(calls.onCancel).not.toHaveBeenCalled();
  });

  it('closes anyway when a ready page does not answer the close request within a second', async () => {
    const calls = callbacks();
    checkout = createCheckout({ ...calls, checkoutOrigin: ORIGIN });
    const result = checkout.open(tokenFor('deaf.html'));
    await until(checkout, (state) => state.status === 'ready');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    checkout.close();
    vi.advanceTimersByTime(999);
    expect(calls.onCancel).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(await result).toMatchObject({ status: 'cancel' });
  });

  it('cancels on Escape pressed inside the frame', async () => {
    const { calls } = await openReady();
    await waitFor(() =>
      expect(insideFrame().getByRole('textbox', { name: 'Phone number' })).toHaveFocus(),
    );
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(calls.onCancel).toHaveBeenCalledTimes(1));
    expect(frames()).toBe(0);
  });

  it('moves focus from the first field to the close button on Shift+Tab, and back in on Tab', async () => {
    await openReady();
    const phone = insideFrame().getByRole('textbox', { name: 'Phone number' });
    await waitFor(() => expect(phone).toHaveFocus());
    const close = overlay().getByRole('button', { name: 'Close checkout' });
    await userEvent.keyboard('{Shift>}{Tab}{/Shift}');
    await waitFor(() => expect(close.getRootNode()).toHaveProperty('activeElement', close));
    await userEvent.keyboard('{Tab}');
    await waitFor(() => expect(phone).toHaveFocus());
  });

  it('reports a session error once and keeps the overlay until it is closed', async () => {
    const { checkout, calls, result } = await openReady();
    insideFrame().getByRole('button', { name: 'Expire the session' }).click();
    expect(await result).toMatchObject({ status: 'error', error: { code: 'session_expired' } });
    expect(calls.onError).toHaveBeenCalledWith({
      checkoutSessionId: SID,
      error: {
        code: 'session_expired',
        message: expect.stringMatching(/^Lava Checkout: .+ Mint a new session/),
      },
    });
    expect(checkout.getState().status).toBe('failed');
    checkout.close();
    expect(checkout.getState().status).toBe('closed');
    expect(frames()).toBe(0);
    expect(calls.onCancel).not.toHaveBeenCalled();
  });

  it('closes the overlay kept for a session error when the page asks, as a button back does', async () => {
    const { checkout, calls, result } = await openReady();
    insideFrame().getByRole('button', { name: 'Expire the session' }).click();
    expect(await result).toMatchObject({ status: 'error' });
    expect(checkout.getState().status).toBe('failed');
    insideFrame().getByRole('textbox', { name: 'Phone number' }).focus();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(checkout.getState().status).toBe('closed'));
    expect(frames()).toBe(0);
    expect(calls.onError).toHaveBeenCalledTimes(1);
    expect(calls.onCancel).not.toHaveBeenCalled();
  });

  it('reports frame_unreachable when the page never answers the handshake', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const calls = callbacks();
    checkout = createCheckout({ ...calls, checkoutOrigin: ORIGIN, handshakeTimeoutMs: 5000 });
    const result = checkout.open(tokenFor('silent.html'));
    vi.advanceTimersByTime(4999);
    expect(calls.onError).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(await result).toMatchObject({ status: 'error', error: { code: 'frame_unreachable' } });
    expect(calls.onError.mock.calls[0]![0].error.message).toContain(
      `frame-src ${window.location.origin}`,
    );
    vi.useRealTimers();
    const alert = await overlay().findByRole('alert');
    expect(alert).toHaveTextContent('The checkout could not be loaded.');
    // This notice covers the frame: the page behind it cannot be used.
    expect(topmostAtCentreOf(frameOf())).toBe(alert);
  });

  it('keeps the open checkout when open() is called again, and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { checkout, result } = await openReady();
    expect(checkout.open(TOKEN)).toBe(result);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^Lava Checkout: a checkout is open; this open\(\) waits for it/),
    );
    expect(frames()).toBe(1);
    warn.mockRestore();
  });

  it('gives every open() a fresh frame, even for the same token', async () => {
    const { checkout } = await openReady();
    const first = frameOf();
    checkout.destroy();
    void checkout.open(TOKEN);
    expect(frameOf()).not.toBe(first);
    expect(frames()).toBe(1);
  });

  it('survives a callback that throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { checkout, result, calls } = await openReady();
    calls.onCancel.mockImplementation(() => {
      throw new Error('merchant bug');
    });
    checkout.destroy();
    expect(await result).toMatchObject({ status: 'cancel' });
    expect(error).toHaveBeenCalledWith(
      'Lava Checkout: your onCancel callback threw; the checkout goes on.',
      expect.any(Error),
    );
    error.mockRestore();
  });
});

describe('createCheckout, preloaded', () => {
  it('makes one hidden frame, and open() shows it ready at once, without a new frame', async () => {
    const calls = callbacks();
    checkout = createCheckout({ ...calls, checkoutOrigin: ORIGIN });
    expect(await checkout.preload(TOKEN)).toBe(true);
    const preloaded = frameOf();
    const hidden = overlay().getByRole('dialog', { hidden: true }) as HTMLDialogElement;
    expect(hidden).not.toHaveAttribute('open');
    expect(hidden.inert).toBe(true);
    expect(calls.onReady).not.toHaveBeenCalled();
    void checkout.open(TOKEN);
    expect(calls.onReady).toHaveBeenCalledTimes(1);
    expect(checkout.getState()).toMatchObject({ status: 'ready', checkoutSessionId: SID });
    expect(frameOf()).toBe(preloaded);
    expect(frames()).toBe(1);
    // Shown: a dialog opened as a modal (a closed one is a preloaded frame, off screen).
    await waitFor(() =>
      expect(overlay().getByRole('dialog', { name: 'Checkout' })).toHaveAttribute('open'),
    );
  });

  it('drops the preloaded frame when another token opens, and on destroy()', async () => {
    checkout = createCheckout({ checkoutOrigin: ORIGIN });
    await checkout.preload(TOKEN);
    void checkout.open(tokenFor('silent.html'));
    expect(frames()).toBe(1);
    expect(frameOf().src).toContain('silent.html');
    checkout.destroy();
    await checkout.preload(TOKEN);
    checkout.destroy();
    expect(frames()).toBe(0);
  });
});

describe('createCheckout, given a token it must not open', () => {
  it.each([
    [
      'a javascript: base',
      encodeCheckoutToken({ secret: 'ready.html', base: 'javascript:alert(1)//' }),
    ],
    ['a data: base', encodeCheckoutToken({ secret: 'ready.html', base: 'data:text/html,hi/' })],
    [
      'plain http on the internet',
      encodeCheckoutToken({ secret: 'ready.html', base: 'http://evil.example/' }),
    ],
    ['garbage', 'not a token'],
  ])('calls onError with invalid_token for %s and makes no frame', async (_, token) => {
    const calls = callbacks();
    checkout = createCheckout({ ...calls, checkoutOrigin: ORIGIN });
    const result = await checkout.open(token);
    expect(result).toMatchObject({
      status: 'error',
      checkoutSessionId: null,
      error: { code: 'invalid_token' },
    });
    expect(calls.onError).toHaveBeenCalledWith({
      checkoutSessionId: null,
      error: { code: 'invalid_token', message: expect.stringMatching(/^Lava Checkout: /) },
    });
    expect(calls.onError.mock.calls[0]![0].error.message).not.toContain(token);
    expect(frames()).toBe(0);
    expect(checkout.getState()).toEqual({ status: 'closed' });
    expect(await checkout.preload(token)).toBe(false);
    expect(frames()).toBe(0);
  });

  it('refuses every token when no checkout origin is set, saying how to set one', async () => {
    const calls = callbacks();
    checkout = createCheckout(calls);
    expect(await checkout.open(TOKEN)).toMatchObject({
      status: 'error',
      checkoutSessionId: null,
      error: { code: 'invalid_token' },
    });
    expect(calls.onError).toHaveBeenCalledTimes(1);
    expect(calls.onError.mock.calls[0]![0].error.message).toBe(
      `Lava Checkout: the token is for ${ORIGIN}, which this page does not trust (no checkoutOrigin is set). Set checkoutOrigin to your checkout service's origin.`,
    );
    expect(frames()).toBe(0);
    expect(await checkout.preload(TOKEN)).toBe(false);
    expect(frames()).toBe(0);
  });

  it.each([
    ['checkoutOrigin', { checkoutOrigin: 'https://checkout.example.com' }],
    ['checkoutOrigins', { checkoutOrigins: ['https://checkout.example.com'] }],
  ])('refuses a base whose origin is not its %s, saying which', async (_, trust) => {
    const calls = callbacks();
    checkout = createCheckout({ ...calls, ...trust });
    expect(await checkout.open(TOKEN)).toMatchObject({ error: { code: 'invalid_token' } });
    expect(calls.onError.mock.calls[0]![0].error.message).toBe(
      `Lava Checkout: the token is for ${ORIGIN}, which this page does not trust (https://checkout.example.com). Set checkoutOrigin to your checkout service's origin.`,
    );
    expect(frames()).toBe(0);
  });

  it.each([
    ['checkoutOrigin, given as a URL', { checkoutOrigin: `${ORIGIN}/embed/` }],
    ['checkoutOrigins', { checkoutOrigins: ['https://checkout.example.com', BASE] }],
    [
      'checkoutOrigins beside another checkoutOrigin',
      { checkoutOrigin: 'https://checkout.example.com', checkoutOrigins: [ORIGIN] },
    ],
  ])('opens a base whose origin is in %s', async (_, trust) => {
    const { checkout } = await openReady({ checkoutOrigin: undefined, ...trust });
    expect(checkout.getState().status).toBe('ready');
  });
});

describe('createCheckout, given an appearance value it refuses', () => {
  it('reports it once with console.error, and sends the page the rest', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const appearance = {
      theme: 'dark' as const,
      variables: { colorPrimary: 'url(https://evil.example/x)' },
    };
    const { checkout } = await openReady({ appearance });
    expect(helloOf().appearance).toEqual({ theme: 'dark', variables: {} });
    checkout.destroy();
    void checkout.open(TOKEN);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Lava Checkout: appearance\.variables\.colorPrimary must not contain "url\("/,
      ),
    );
    error.mockRestore();
  });
});
