import { encodeCheckoutToken } from '@lava-checkout/protocol';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { type UseLavaCheckoutOptions, useLavaCheckout } from './useLavaCheckout.ts';

/** Which stand-in page the checkout opens (see .storybook/fake-checkout). */
type FakePage = 'ready.html' | 'silent.html' | 'blank.html' | 'not-a-token';

interface OverlayDemoProps extends UseLavaCheckoutOptions {
  page: FakePage;
}

const tokenFor = (page: FakePage) =>
  page === 'not-a-token'
    ? page
    : encodeCheckoutToken({
        secret: page,
        base: new URL('/fake-checkout/', window.location.origin).href,
      });

/** A merchant page with a Subscribe button that opens the checkout. */
function OverlayDemo({ page, ...options }: OverlayDemoProps) {
  const { open, status } = useLavaCheckout(options);
  return (
    <main style={{ padding: '2rem', fontFamily: 'system-ui, sans-serif' }}>
      <h1>Pro Plan</h1>
      <button type="button" onClick={() => void open(tokenFor(page))}>
        Subscribe to Pro Plan
      </button>
      <p>Checkout: {status}</p>
    </main>
  );
}

const meta = {
  title: 'SDK/Overlay',
  component: OverlayDemo,
  args: {
    page: 'ready.html',
    // The stand-in checkout is served from Storybook's own origin.
    checkoutOrigin: window.location.origin,
    onSuccess: fn(),
    onCancel: fn(),
    onError: fn(),
    onReady: fn(),
    onStepChange: fn(),
  },
  parameters: {
    viewport: {
      options: { phone390: { name: 'Phone, 390 px', styles: { width: '390px', height: '844px' } } },
    },
  },
} satisfies Meta<typeof OverlayDemo>;

export default meta;
type Story = StoryObj<typeof meta>;

const SESSION = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CUSTOMER = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

/** The overlay lives in a shadow root at the end of the body. */
function overlayOf(canvasElement: HTMLElement) {
  const host = canvasElement.ownerDocument.body.querySelector('lava-checkout');
  if (!host?.shadowRoot) throw new Error('no overlay on the page');
  return within(host.shadowRoot as unknown as HTMLElement);
}

/** Clicks Subscribe and returns the overlay once its dialog shows. */
async function openOverlay(canvasElement: HTMLElement) {
  const canvas = within(canvasElement);
  await userEvent.click(canvas.getByRole('button', { name: 'Subscribe to Pro Plan' }));
  // Shown: a dialog opened as a modal (a closed one would be a preloaded frame, off screen).
  await waitFor(() => expect(overlayOf(canvasElement).getByRole('dialog')).toHaveAttribute('open'));
  return overlayOf(canvasElement);
}

/**
 * The stand-in checkout page, once it answered the handshake. Its buttons stand for what the
 * customer does inside the real page; they are clicked natively, because user-event cannot
 * follow a node whose frame the overlay then removes.
 */
async function frameOf(overlay: ReturnType<typeof within>) {
  const frame = overlay.getByTitle('Checkout') as HTMLIFrameElement;
  await waitFor(() => expect(frame.contentDocument?.body.dataset.connected).toBe('true'));
  await waitFor(() => expect(frame).toBeVisible());
  return within(frame.contentDocument?.body as HTMLElement);
}

/** Opens the checkout, then clicks one of the stand-in page's buttons (natively, see frameOf). */
async function openAndPress(canvasElement: HTMLElement, button: string) {
  const overlay = await openOverlay(canvasElement);
  const frame = await frameOf(overlay);
  frame.getByRole('button', { name: button }).click();
  return { overlay, frame };
}

/** The font a notice is set in: the overlay's own, not the browser's default (a serif). */
const fontOf = (element: Element) => getComputedStyle(element).fontFamily;

/**
 * The page has not painted yet: a status says so, in the overlay's font, and focus waits on
 * the close button. The notice lies under the frame, which is transparent until it paints.
 */
export const Loading: Story = {
  args: { page: 'blank.html' },
  play: async ({ canvasElement }) => {
    const overlay = await openOverlay(canvasElement);
    const notice = overlay.getByRole('status');
    await expect(notice).toHaveTextContent('Loading checkout…');
    await expect(fontOf(notice)).toBe(fontOf(overlay.getByRole('dialog')));
    const close = overlay.getByRole('button', { name: 'Close checkout' });
    await waitFor(() => expect(close.getRootNode()).toHaveProperty('activeElement', close));
  },
};

/**
 * The page painted its first step but has not answered the handshake yet (here it never
 * does): the frame shows over the loading notice, and takes typing.
 */
export const PaintedBeforeHandshake: Story = {
  args: { page: 'silent.html' },
  play: async ({ canvasElement, args }) => {
    const overlay = await openOverlay(canvasElement);
    const frame = overlay.getByTitle('Checkout') as HTMLIFrameElement;
    // The page has loaded (not the blank document a frame starts with) and shows its field.
    await waitFor(() =>
      expect(within(frame.contentDocument?.body as HTMLElement).getByRole('textbox')).toBeVisible(),
    );
    const box = frame.getBoundingClientRect();
    const root = frame.getRootNode() as ShadowRoot;
    await expect(root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)).toBe(frame);
    await expect(args.onReady).not.toHaveBeenCalled();
  },
};

/** The page answered the handshake: the frame shows at its content's height. */
export const Ready: Story = {
  play: async ({ canvasElement, args }) => {
    const overlay = await openOverlay(canvasElement);
    const frame = await frameOf(overlay);
    await expect(frame.getByRole('heading', { name: 'Fake checkout' })).toBeVisible();
    await expect(overlay.queryByRole('status')).not.toBeInTheDocument();
    await expect(args.onReady).toHaveBeenCalledWith({ checkoutSessionId: SESSION });
    await expect(args.onStepChange).toHaveBeenCalledWith({
      checkoutSessionId: SESSION,
      step: 'phone',
    });
    await waitFor(() => expect(overlay.getByTitle('Checkout').style.height).toMatch(/^\d+px$/));
  },
};

/** The customer subscribed: the success screen shows, then onSuccess runs once. */
export const Success: Story = {
  args: { successDelayMs: 300 },
  play: async ({ canvasElement, args }) => {
    const { frame } = await openAndPress(canvasElement, 'Pay');
    await expect(await frame.findByText('You are subscribed')).toBeVisible();
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledTimes(1));
    await expect(args.onSuccess).toHaveBeenCalledWith({
      checkoutSessionId: SESSION,
      customerId: CUSTOMER,
      connectionId: CUSTOMER,
    });
    await waitFor(() =>
      expect(within(canvasElement).getByRole('button', { name: /Subscribe/ })).toHaveFocus(),
    );
  },
};

/** The customer closed the checkout: onCancel runs once and focus returns. */
export const Cancelled: Story = {
  play: async ({ canvasElement, args }) => {
    const overlay = await openOverlay(canvasElement);
    await frameOf(overlay);
    await userEvent.click(overlay.getByRole('button', { name: 'Close checkout' }));
    await waitFor(() => expect(args.onCancel).toHaveBeenCalledWith({ checkoutSessionId: SESSION }));
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await waitFor(() =>
      expect(within(canvasElement).getByRole('button', { name: /Subscribe/ })).toHaveFocus(),
    );
  },
};

/** A payment is processing: the page refuses to close, and the overlay says so. */
export const CloseRefused: Story = {
  play: async ({ canvasElement, args }) => {
    const { overlay, frame } = await openAndPress(canvasElement, 'Start the payment');
    await waitFor(() =>
      expect(args.onStepChange).toHaveBeenLastCalledWith(
        expect.objectContaining({ step: 'processing' }),
      ),
    );
    await userEvent.click(overlay.getByRole('button', { name: 'Close checkout' }));
    const notice = await overlay.findByRole('status');
    await expect(notice).toHaveTextContent(
      'Your payment is being processed. You can close the checkout once it is done.',
    );
    await expect(overlay.getByRole('dialog', { name: 'Checkout' })).toBeVisible();
    await expect(args.onCancel).not.toHaveBeenCalled();
    await expect(fontOf(notice)).toBe(fontOf(overlay.getByRole('dialog')));
    // Clear of every button of the page, the one that started the payment among them.
    const at = overlay.getByTitle('Checkout').getBoundingClientRect();
    const box = notice.getBoundingClientRect();
    for (const button of frame.getAllByRole('button')) {
      const b = button.getBoundingClientRect();
      const clear =
        box.right <= at.left + b.left ||
        box.left >= at.left + b.right ||
        box.bottom <= at.top + b.top ||
        box.top >= at.top + b.bottom;
      await expect({ button: button.textContent, clear }).toEqual({
        button: button.textContent,
        clear: true,
      });
    }
  },
};

/** The session expired: onError reports it, and the frame's explanation stays on screen. */
export const SessionExpired: Story = {
  play: async ({ canvasElement, args }) => {
    const { overlay } = await openAndPress(canvasElement, 'Expire the session');
    await waitFor(() =>
      expect(args.onError).toHaveBeenCalledWith({
        checkoutSessionId: SESSION,
        error: expect.objectContaining({ code: 'session_expired' }),
      }),
    );
    await expect(overlay.getByRole('dialog', { name: 'Checkout' })).toBeVisible();
    await userEvent.click(overlay.getByRole('button', { name: 'Close checkout' }));
    await waitFor(() => expect(overlay.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(args.onCancel).not.toHaveBeenCalled();
  },
};

/** The page never answered (blocked by CSP, service down): the overlay says so. */
export const Unreachable: Story = {
  args: { page: 'silent.html', handshakeTimeoutMs: 300 },
  play: async ({ canvasElement, args }) => {
    const overlay = await openOverlay(canvasElement);
    await expect(await overlay.findByRole('alert')).toHaveTextContent(
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
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await waitFor(() =>
      expect(args.onError).toHaveBeenCalledWith({
        checkoutSessionId: null,
        error: expect.objectContaining({ code: 'invalid_token' }),
      }),
    );
    await expect(canvasElement.ownerDocument.body.querySelector('lava-checkout')).toBeNull();
  },
};

/** The panel colour of each theme, read from the computed style. */
const panelBackground = (overlay: ReturnType<typeof within>) =>
  getComputedStyle(overlay.getByTitle('Checkout').parentElement as HTMLElement).backgroundColor;

/** No appearance: the overlay follows the customer's colour scheme setting. */
export const DefaultTheme: Story = {
  play: async ({ canvasElement }) => {
    const overlay = await openOverlay(canvasElement);
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    await expect(overlay.getByRole('dialog')).toHaveAttribute('data-theme', 'system');
    await expect(panelBackground(overlay)).toBe(dark ? 'rgb(22, 21, 26)' : 'rgb(255, 255, 255)');
  },
};

/** The light theme, whatever the customer's setting. */
export const LightTheme: Story = {
  args: { appearance: { theme: 'light' } },
  play: async ({ canvasElement }) => {
    const overlay = await openOverlay(canvasElement);
    await expect(panelBackground(overlay)).toBe('rgb(255, 255, 255)');
  },
};

/** The dark theme: a dark panel and backdrop, and the page is told to be dark too. */
export const DarkTheme: Story = {
  args: { appearance: { theme: 'dark' } },
  play: async ({ canvasElement }) => {
    const overlay = await openOverlay(canvasElement);
    await expect(panelBackground(overlay)).toBe('rgb(22, 21, 26)');
    const frame = overlay.getByTitle('Checkout') as HTMLIFrameElement;
    await waitFor(() =>
      expect(JSON.parse(frame.contentDocument?.body.dataset.hello ?? '{}').appearance).toEqual({
        theme: 'dark',
      }),
    );
  },
};

/** The system theme follows the customer's colour scheme setting. */
export const SystemTheme: Story = {
  args: { appearance: { theme: 'system' } },
  play: async ({ canvasElement }) => {
    const overlay = await openOverlay(canvasElement);
    const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
    await expect(panelBackground(overlay)).toBe(dark ? 'rgb(22, 21, 26)' : 'rgb(255, 255, 255)');
  },
};

/** A brand: its background colours the panel, and every variable reaches the page. */
export const BrandAppearance: Story = {
  args: {
    appearance: {
      theme: 'light',
      variables: {
        colorPrimary: '#4f46e5',
        colorBackground: '#f5f3ff',
        colorText: '#1e1b4b',
        fontFamily: 'Georgia, serif',
        borderRadius: '12px',
      },
    },
  },
  play: async ({ canvasElement, args }) => {
    const overlay = await openOverlay(canvasElement);
    await expect(panelBackground(overlay)).toBe('rgb(245, 243, 255)');
    const frame = overlay.getByTitle('Checkout') as HTMLIFrameElement;
    await waitFor(() =>
      expect(JSON.parse(frame.contentDocument?.body.dataset.hello ?? '{}').appearance).toEqual(
        args.appearance,
      ),
    );
  },
};

/** On a 390 px phone the overlay fills the screen. */
export const Phone390: Story = {
  globals: { viewport: { value: 'phone390', isRotated: false } },
  play: async ({ canvasElement }) => {
    const overlay = await openOverlay(canvasElement);
    await frameOf(overlay);
    const panel = (
      overlay.getByTitle('Checkout').parentElement as HTMLElement
    ).getBoundingClientRect();
    await expect(Math.round(panel.width)).toBe(window.innerWidth);
    await expect(Math.round(panel.height)).toBe(window.innerHeight);
  },
};
