import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { type UseLavaCheckoutOptions, useLavaCheckout } from '@lava-checkout/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import { applyAppearance } from './applyAppearance.ts';
import { CheckoutPage } from './CheckoutPage.tsx';
import { createFrameBridge } from './createFrameBridge.ts';
import { focusFieldOnArrival } from './focusFieldOnArrival.ts';
import { forwardKeysToParent } from './forwardKeysToParent.ts';
import { reportContentHeight } from './reportContentHeight.ts';
import pageCss from './styles.css?inline';
import { createFakeApi, FAKE_CUSTOMER_ID, FAKE_SESSION_ID } from './testing/createFakeApi.ts';
import { fakeBootstrap } from './testing/fakeBootstrap.ts';

declare global {
  interface Window {
    /** Called by .storybook/fake-checkout/embed/checkout/real-page.html with its window. */
    lavaMountCheckoutPage?: (frame: Window) => void;
  }
}

const bootstrap: PageBootstrap = fakeBootstrap('phone', { originUrl: window.location.origin });

/**
 * The pages mounted into frames. They render with this window's React and timers, so unlike
 * the real page, which dies with its frame, each would outlive its frame and go on rendering
 * (and moving focus) into a document without a window: each is unmounted when its frame goes
 * away, and any left when the story ends.
 */
const mountedPages = new Set<Root>();
const unmountPage = (root: Root) => {
  if (mountedPages.delete(root)) root.unmount();
};

/** Does in the frame what the page's entry (main.ts) and takeOver do, with the fake API. */
function mountCheckoutPage(frame: Window) {
  const doc = frame.document;
  const style = doc.createElement('style');
  style.textContent = pageCss;
  doc.head.append(style);
  const bridge = createFrameBridge({
    window: frame,
    originUrl: window.location.origin,
    checkoutSessionId: FAKE_SESSION_ID,
  });
  bridge.subscribe((mode) => {
    if (mode === 'connected') applyAppearance(doc, bridge.appearance());
  });
  focusFieldOnArrival(frame, bridge);
  forwardKeysToParent(frame, bridge);
  reportContentHeight(frame, bridge);
  const container = doc.getElementById('root');
  if (!container) return;
  const root = createRoot(container);
  mountedPages.add(root);
  // After the commit that removes the frame: React unmounts a root only between renders.
  frame.addEventListener('pagehide', () => queueMicrotask(() => unmountPage(root)), {
    once: true,
  });
  root.render(<CheckoutPage bootstrap={bootstrap} bridge={bridge} api={createFakeApi()} />);
}

/** A merchant page whose Subscribe button opens the real checkout page in the real overlay. */
function CheckoutInOverlay(options: UseLavaCheckoutOptions) {
  useEffect(() => {
    window.lavaMountCheckoutPage = mountCheckoutPage;
    return () => {
      delete window.lavaMountCheckoutPage;
      queueMicrotask(() => {
        for (const root of [...mountedPages]) unmountPage(root);
      });
    };
  }, []);
  const { open } = useLavaCheckout(options);
  const token = encodeCheckoutToken({
    secret: 'real-page.html',
    base: new URL('/fake-checkout/', window.location.origin).href,
  });
  return (
    <main style={{ padding: '2rem', fontFamily: 'system-ui, sans-serif' }}>
      <button type="button" onClick={() => void open(token)}>
        Subscribe to Pro Plan
      </button>
    </main>
  );
}

const meta = {
  title: 'Checkout page/In the overlay',
  component: CheckoutInOverlay,
  args: {
    checkoutOrigin: window.location.origin,
    onSuccess: fn(),
    onCancel: fn(),
    successDelayMs: 400,
  },
} satisfies Meta<typeof CheckoutInOverlay>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Opens the overlay and returns the checkout page inside its frame, once it took focus. */
async function openCheckout(canvasElement: HTMLElement) {
  await userEvent.click(
    within(canvasElement).getByRole('button', { name: 'Subscribe to Pro Plan' }),
  );
  const host = canvasElement.ownerDocument.body.querySelector('lava-checkout');
  const overlay = within(host?.shadowRoot as unknown as HTMLElement);
  const frame = (await overlay.findByTitle('Checkout')) as HTMLIFrameElement;
  await waitFor(() => expect(frame.contentDocument?.querySelector('main')).toBeTruthy());
  const page = within(frame.contentDocument?.body as HTMLElement);
  await waitFor(() => expect(page.getByRole('textbox', { name: 'Phone number' })).toHaveFocus());
  return { overlay, frame, page };
}

/** The whole checkout, from phone to success, in the real page inside the real overlay. */
export const FullCheckout: Story = {
  play: async ({ canvasElement, args }) => {
    const { frame, page } = await openCheckout(canvasElement);
    await waitFor(() => expect(frame.style.height).toMatch(/^\d+px$/));
    await userEvent.type(page.getByRole('textbox', { name: 'Phone number' }), '+1 415 555 0100');
    await userEvent.click(page.getByRole('button', { name: 'Send code' }));
    await userEvent.type(await page.findByRole('textbox', { name: 'Verification code' }), '123456');
    await userEvent.click(page.getByRole('button', { name: 'Verify' }));
    await userEvent.type(
      await page.findByRole('textbox', { name: 'Card number' }),
      '4242 4242 4242 4242',
    );
    await userEvent.type(page.getByRole('textbox', { name: 'Expiration date' }), '1234');
    await userEvent.type(page.getByRole('textbox', { name: 'Security code' }), '123');
    await userEvent.click(page.getByRole('button', { name: /^Subscribe/ }));
    await expect(await page.findByRole('heading', { name: "You're subscribed" })).toBeVisible();
    await expect(args.onSuccess).not.toHaveBeenCalled();
    await waitFor(() => expect(args.onSuccess).toHaveBeenCalledTimes(1));
    await expect(args.onSuccess).toHaveBeenCalledWith({
      checkoutSessionId: FAKE_SESSION_ID,
      customerId: FAKE_CUSTOMER_ID,
      connectionId: FAKE_CUSTOMER_ID,
    });
  },
};

/** The dark theme reaches the page: its background turns dark. */
export const DarkTheme: Story = {
  args: { appearance: { theme: 'dark' } },
  play: async ({ canvasElement }) => {
    const { frame } = await openCheckout(canvasElement);
    const doc = frame.contentDocument as Document;
    await waitFor(() =>
      expect(getComputedStyle(doc.documentElement).backgroundColor).toBe('rgb(22, 21, 26)'),
    );
  },
};

/** A brand's primary colour and radius reach the page's button. */
export const BrandAppearance: Story = {
  args: { appearance: { variables: { colorPrimary: '#4f46e5', borderRadius: '12px' } } },
  play: async ({ canvasElement }) => {
    const { page } = await openCheckout(canvasElement);
    const send = page.getByRole('button', { name: 'Send code' });
    await waitFor(() => expect(getComputedStyle(send).backgroundColor).toBe('rgb(79, 70, 229)'));
    await expect(getComputedStyle(send).borderRadius).toBe('12px');
    await expect(getComputedStyle(send).color).toBe('rgb(255, 255, 255)');
  },
};

/** Escape in the page's phone field asks the overlay to close, which cancels. */
export const EscapeCancels: Story = {
  play: async ({ canvasElement, args }) => {
    const { page } = await openCheckout(canvasElement);
    await userEvent.type(page.getByRole('textbox', { name: 'Phone number' }), '{Escape}');
    await waitFor(() =>
      expect(args.onCancel).toHaveBeenCalledWith({ checkoutSessionId: FAKE_SESSION_ID }),
    );
  },
};
