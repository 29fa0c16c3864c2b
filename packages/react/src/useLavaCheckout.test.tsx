import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode, useState, version } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent as browserUser } from 'vitest/browser';
import { type UseLavaCheckoutOptions, useLavaCheckout } from './useLavaCheckout.ts';

// Runs twice: on React 19 (project browser) and on React 18 (project browser-react18).
const ORIGIN = window.location.origin;
const BASE = `${ORIGIN}/`;
const tokenFor = (page: 'ready.html' | 'silent.html') =>
  encodeCheckoutToken({ secret: page, base: BASE });
const SID = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CID = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

/** A merchant page that trusts the stand-in checkout's origin, as a merchant names its own. */
function Merchant({
  token = tokenFor('ready.html'),
  ...options
}: UseLavaCheckoutOptions & { token?: string }) {
  const { open, preload, isOpen, status, step } = useLavaCheckout({
    checkoutOrigin: ORIGIN,
    ...options,
  });
  const [result, setResult] = useState('');
  return (
    <>
      <button type="button" onClick={() => open(token).then((r) => setResult(r.status))}>
        Subscribe to Pro Plan
      </button>
      <button type="button" onClick={() => void preload(token)}>
        Preload
      </button>
      <p>{isOpen ? 'open' : 'closed'}</p>
      <p>{`status ${status}, step ${step ?? 'none'}`}</p>
      <output>{result}</output>
    </>
  );
}

const renderStrict = (ui: React.ReactElement) => render(<StrictMode>{ui}</StrictMode>);

/** The overlay lives in a shadow root at the end of body. */
const overlay = () => {
  const host = document.body.querySelector('lava-checkout');
  if (!host?.shadowRoot) throw new Error('no overlay on the page');
  return within(host.shadowRoot as unknown as HTMLElement);
};
const overlays = () => document.body.querySelectorAll('lava-checkout').length;
const insideFrame = () =>
  within(
    (overlay().getByTitle('Checkout') as HTMLIFrameElement).contentDocument?.body as HTMLElement,
  );

afterEach(() => {
  vi.useRealTimers();
});

describe(`useLavaCheckout on React ${version}, under StrictMode`, () => {
  it('opens a dialog named Checkout around one checkout frame, then follows its status and step', async () => {
    const user = userEvent.setup();
    const onReady = vi.fn();
    const onStepChange = vi.fn();
    renderStrict(<Merchant onReady={onReady} onStepChange={onStepChange} />);
    expect(screen.getByText('status closed, step none')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    expect(overlays()).toBe(1);
    expect(overlay().getByTitle('Checkout')).toHaveAttribute(
      'src',
      `${BASE}embed/checkout/ready.html`,
    );
    // The first open of the run also waits for the dev server to build the overlay's chunk.
    expect(
      await screen.findByText('status ready, step phone', {}, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('open')).toBeInTheDocument();
    await waitFor(() =>
      expect(overlay().getByRole('dialog', { name: 'Checkout' })).toHaveAttribute('open'),
    );
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(onStepChange).toHaveBeenCalledWith({ checkoutSessionId: SID, step: 'phone' });
    expect(overlays()).toBe(1);
  });

  it('closes on "Close checkout", calls onCancel once and gives focus back to the button', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    renderStrict(<Merchant onCancel={onCancel} />);
    const trigger = screen.getByRole('button', { name: 'Subscribe to Pro Plan' });
    await user.click(trigger);
    await screen.findByText('status ready, step phone');
    await user.click(await overlay().findByRole('button', { name: 'Close checkout' }));
    expect(await screen.findByText('cancel')).toBeInTheDocument();
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledWith({ checkoutSessionId: SID });
    expect(overlays()).toBe(0);
    expect(screen.getByText('closed')).toBeInTheDocument();
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it('closes on Escape while the page is still loading', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    renderStrict(<Merchant token={tokenFor('silent.html')} onCancel={onCancel} />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    const close = await overlay().findByRole('button', { name: 'Close checkout' });
    await waitFor(() => expect(close.getRootNode()).toHaveProperty('activeElement', close));
    // A real key press: only the browser's own Escape makes a modal dialog ask to cancel.
    await browserUser.keyboard('{Escape}');
    await waitFor(() => expect(onCancel).toHaveBeenCalledTimes(1));
    expect(overlays()).toBe(0);
  });

  it('shows the success screen, then calls onSuccess once with the ids', async () => {
    const user = userEvent.setup();
    const onSuccess = vi.fn();
    renderStrict(<Merchant onSuccess={onSuccess} successDelayMs={0} />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await screen.findByText('status ready, step phone');
    insideFrame().getByRole('button', { name: 'Pay' }).click();
    expect(await screen.findByText('success')).toBeInTheDocument();
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith({
      checkoutSessionId: SID,
      customerId: CID,
      connectionId: CID,
    });
    expect(overlays()).toBe(0);
  });

  it('calls the latest callbacks passed, not the first ones', async () => {
    const user = userEvent.setup();
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = renderStrict(<Merchant onCancel={first} />);
    rerender(
      <StrictMode>
        <Merchant onCancel={second} />
      </StrictMode>,
    );
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await user.click(await overlay().findByRole('button', { name: 'Close checkout' }));
    await waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).not.toHaveBeenCalled();
  });

  it('after preload(), open() shows a ready checkout at once, in the same frame', async () => {
    const user = userEvent.setup();
    const onReady = vi.fn();
    renderStrict(<Merchant onReady={onReady} />);
    await user.click(screen.getByRole('button', { name: 'Preload' }));
    // The hidden frame loads and shakes hands in its own time: a loaded machine takes seconds.
    await waitFor(
      () =>
        expect(
          (overlay().getByTitle('Checkout') as HTMLIFrameElement).contentDocument?.body.dataset
            .connected,
        ).toBe('true'),
      { timeout: 15_000 },
    );
    const frame = overlay().getByTitle('Checkout');
    expect(screen.getByText('closed')).toBeInTheDocument();
    act(() => screen.getByRole('button', { name: 'Subscribe to Pro Plan' }).click());
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/^status ready/)).toBeInTheDocument();
    expect(overlay().getByTitle('Checkout')).toBe(frame);
    expect(overlays()).toBe(1);
  });

  it('removes the overlay and the frame when the component unmounts while open', async () => {
    const user = userEvent.setup();
    const { unmount } = renderStrict(<Merchant />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await overlay().findByRole('dialog', { name: 'Checkout' });
    await act(async () => {
      unmount();
    });
    expect(overlays()).toBe(0);
  });

  it.each([
    [
      'a javascript: base',
      encodeCheckoutToken({ secret: 'css_test_abcdefghijklmnop', base: 'javascript:alert(1)//' }),
    ],
    ['garbage', 'garbage'],
  ])('calls onError for %s and opens nothing', async (_, token) => {
    const user = userEvent.setup();
    const onError = vi.fn();
    renderStrict(<Merchant token={token} onError={onError} />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    expect(await screen.findByText('error')).toBeInTheDocument();
    expect(onError).toHaveBeenCalledWith({
      checkoutSessionId: null,
      error: {
        code: 'invalid_token',
        message: expect.stringMatching(/^Lava Checkout: the checkout session token is invalid/),
      },
    });
    expect(overlays()).toBe(0);
  });
});

/** A page that never read the docs: no checkoutOrigin, and maybe no options at all. */
function Careless({ token, options }: { token: string; options?: UseLavaCheckoutOptions }) {
  const { open, status } = useLavaCheckout(options);
  const [result, setResult] = useState('');
  return (
    <>
      <button type="button" onClick={() => open(token).then((r) => setResult(r.status))}>
        Subscribe to Pro Plan
      </button>
      <p>{`status ${status}`}</p>
      <output>{result}</output>
    </>
  );
}

describe(`useLavaCheckout on React ${version}, without a checkout origin`, () => {
  const EVIL = encodeCheckoutToken({ secret: 'ready.html', base: 'https://evil.test/' });

  it.each([
    ['another base', EVIL],
    ['even the checkout it would trust', tokenFor('ready.html')],
  ])(
    'refuses a token for %s, calls onError saying how to set it, and frames nothing',
    async (_, token) => {
      const user = userEvent.setup();
      const onError = vi.fn();
      renderStrict(<Careless token={token} options={{ onError }} />);
      await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
      expect(await screen.findByText('error')).toBeInTheDocument();
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError).toHaveBeenCalledWith({
        checkoutSessionId: null,
        error: {
          code: 'invalid_token',
          message: expect.stringMatching(
            /which this page does not trust \(no checkoutOrigin is set\)\. Set checkoutOrigin to your checkout service's origin\.$/,
          ),
        },
      });
      expect(overlays()).toBe(0);
      expect(screen.getByText('status closed')).toBeInTheDocument();
    },
  );

  it('with no options at all, refuses a token for another base and says why in the console', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const user = userEvent.setup();
      renderStrict(<Careless token={EVIL} />);
      await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
      expect(await screen.findByText('error')).toBeInTheDocument();
      expect(error).toHaveBeenCalledWith(
        "Lava Checkout: the token is for https://evil.test, which this page does not trust (no checkoutOrigin is set). Set checkoutOrigin to your checkout service's origin.",
      );
      expect(overlays()).toBe(0);
    } finally {
      error.mockRestore();
    }
  });

  it('opens once checkoutOrigin names the checkout, and still refuses another base', async () => {
    const user = userEvent.setup();
    const onError = vi.fn();
    const { rerender } = renderStrict(
      <Careless token={EVIL} options={{ checkoutOrigin: ORIGIN, onError }} />,
    );
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    expect(await screen.findByText('error')).toBeInTheDocument();
    expect(onError.mock.calls[0]?.[0].error.message).toContain(`does not trust (${ORIGIN})`);
    rerender(
      <StrictMode>
        <Careless token={tokenFor('ready.html')} options={{ checkoutOrigin: ORIGIN, onError }} />
      </StrictMode>,
    );
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    expect(await screen.findByText('status ready')).toBeInTheDocument();
    expect(overlays()).toBe(1);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
