import { type CheckoutCallbacks, createCheckout } from '@lava-checkout/js';
import { encodeCheckoutToken } from '@lava-checkout/protocol';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { LavaCheckoutOverlay } from './LavaCheckoutOverlay.tsx';

/** Which stand-in page the checkout opens (see .storybook/fake-checkout). */
type FakePage = 'ready.html' | 'silent.html' | 'not-a-token';

interface OverlayDemoProps extends CheckoutCallbacks {
  page: FakePage;
  handshakeTimeoutMs?: number;
}

const tokenFor = (page: FakePage) =>
  page === 'not-a-token'
    ? page
    : encodeCheckoutToken({
        secret: page,
        base: new URL('/fake-checkout/', window.location.origin).href,
      });

/** A merchant page with a Subscribe button that opens the overlay. */
function OverlayDemo({ page, handshakeTimeoutMs = 15_000, ...callbacks }: OverlayDemoProps) {
  const [checkout] = useState(() => createCheckout({ ...callbacks, handshakeTimeoutMs }));
  useEffect(() => () => checkout.close(), [checkout]);
  return (
    <main style={{ padding: '2rem', fontFamily: 'system-ui, sans-serif' }}>
      <h1>Pro Plan</h1>
      <button type="button" onClick={() => void checkout.open(tokenFor(page))}>
        Subscribe to Pro Plan
      </button>
      <LavaCheckoutOverlay checkout={checkout} />
    </main>
  );
}

const meta = {
  title: 'SDK/LavaCheckoutOverlay',
  component: OverlayDemo,
  args: { page: 'ready.html', onSuccess: fn(), onCancel: fn(), onError: fn() },
} satisfies Meta<typeof OverlayDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

const SESSION = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CUSTOMER = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

/** Opens the overlay and returns the document body (the overlay lives in a portal). */
async function openOverlay(canvasElement: HTMLElement) {
  const body = within(canvasElement.ownerDocument.body);
  await userEvent.click(body.getByRole('button', { name: 'Subscribe to Pro Plan' }));
  await body.findByRole('dialog', { name: 'Checkout' });
  return body;
}

/**
 * The stand-in checkout page, once it answered the handshake. Its buttons stand for what the
 * customer does inside the real page; they are clicked natively, because user-event cannot
 * follow a node whose frame the overlay then removes.
 */
async function frameOf(body: ReturnType<typeof within>) {
  const frame = body.getByTitle('Checkout') as HTMLIFrameElement;
  await waitFor(() => expect(frame.contentDocument?.body.dataset.connected).toBe('true'));
  await waitFor(() => expect(frame).toBeVisible());
  return within(frame.contentDocument?.body as HTMLElement);
}

/** The page is loading: a status says so, and focus waits on the close button. */
export const Loading: Story = {
  args: { page: 'silent.html' },
  play: async ({ canvasElement }) => {
    const body = await openOverlay(canvasElement);
    await expect(body.getByRole('status')).toHaveTextContent('Loading checkout…');
    await waitFor(() => expect(body.getByRole('button', { name: 'Close checkout' })).toHaveFocus());
    await expect(body.getByTitle('Checkout')).not.toBeVisible();
  },
};

/** The page answered the handshake: the frame shows, and takes focus. */
export const Ready: Story = {
  play: async ({ canvasElement }) => {
    const body = await openOverlay(canvasElement);
    const frame = await frameOf(body);
    await expect(frame.getByRole('heading', { name: 'Fake checkout' })).toBeVisible();
    await expect(body.queryByRole('status')).not.toBeInTheDocument();
    await waitFor(() => expect(body.getByTitle('Checkout')).toHaveFocus());
  },
};

/** The customer subscribed: the overlay closes, onSuccess runs once, focus returns. */
export const Success: Story = {
  play: async ({ canvasElement, args }) => {
    const body = await openOverlay(canvasElement);
    const frame = await frameOf(body);
    frame.getByRole('button', { name: 'Pay' }).click();
    await waitFor(() => expect(body.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(args.onSuccess).toHaveBeenCalledTimes(1);
    await expect(args.onSuccess).toHaveBeenCalledWith({
      checkoutSessionId: SESSION,
      customerId: CUSTOMER,
      connectionId: CUSTOMER,
    });
    await waitFor(() =>
      expect(body.getByRole('button', { name: 'Subscribe to Pro Plan' })).toHaveFocus(),
    );
  },
};

/** The customer closed the checkout: onCancel runs once and focus returns. */
export const Cancelled: Story = {
  play: async ({ canvasElement, args }) => {
    const body = await openOverlay(canvasElement);
    await frameOf(body);
    await userEvent.click(body.getByRole('button', { name: 'Close checkout' }));
    await waitFor(() => expect(body.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(args.onCancel).toHaveBeenCalledWith({ checkoutSessionId: SESSION });
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(body.getByRole('button', { name: 'Subscribe to Pro Plan' })).toHaveFocus(),
    );
  },
};

/** The session expired: onError reports it, and the frame's explanation stays on screen. */
export const SessionExpired: Story = {
  play: async ({ canvasElement, args }) => {
    const body = await openOverlay(canvasElement);
    const frame = await frameOf(body);
    frame.getByRole('button', { name: 'Expire the session' }).click();
    await waitFor(() =>
      expect(args.onError).toHaveBeenCalledWith({
        checkoutSessionId: SESSION,
        error: expect.objectContaining({ code: 'session_expired' }),
      }),
    );
    await expect(body.getByRole('dialog', { name: 'Checkout' })).toBeVisible();
    await userEvent.click(body.getByRole('button', { name: 'Close checkout' }));
    await waitFor(() => expect(body.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(args.onCancel).not.toHaveBeenCalled();
  },
};

/** The page never answered (blocked by CSP, service down): the overlay says so. */
export const Unreachable: Story = {
  args: { page: 'silent.html', handshakeTimeoutMs: 300 },
  play: async ({ canvasElement, args }) => {
    const body = await openOverlay(canvasElement);
    await expect(await body.findByRole('alert')).toHaveTextContent(
      'The checkout could not be loaded.',
    );
    await expect(args.onError).toHaveBeenCalledWith({
      checkoutSessionId: null,
      error: expect.objectContaining({ code: 'frame_unreachable' }),
    });
  },
};

/** A malformed token: onError, and no overlay at all. */
export const InvalidToken: Story = {
  args: { page: 'not-a-token' },
  play: async ({ canvasElement, args }) => {
    const body = within(canvasElement.ownerDocument.body);
    await userEvent.click(body.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await waitFor(() =>
      expect(args.onError).toHaveBeenCalledWith({
        checkoutSessionId: null,
        error: expect.objectContaining({ code: 'invalid_token' }),
      }),
    );
    await expect(body.queryByRole('dialog')).not.toBeInTheDocument();
  },
};
