import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type UseLavaCheckoutOptions, useLavaCheckout } from './useLavaCheckout.ts';

const TOKEN = encodeCheckoutToken({
  secret: 'css_test_abcdefghijklmnop.qrstuvwxyz',
  base: 'https://checkout.example.com/',
});

function Merchant({ token = TOKEN, ...options }: UseLavaCheckoutOptions & { token?: string }) {
  const { open, isOpen } = useLavaCheckout(options);
  const [result, setResult] = useState('');
  return (
    <>
      <button type="button" onClick={() => open(token).then((r) => setResult(r.status))}>
        Subscribe to Pro Plan
      </button>
      <p>{isOpen ? 'open' : 'closed'}</p>
      <output>{result}</output>
    </>
  );
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('useLavaCheckout, given a valid token', () => {
  it('opens a dialog named Checkout around the checkout frame, and moves focus into it', async () => {
    const user = userEvent.setup();
    render(<Merchant />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    const dialog = await screen.findByRole('dialog', { name: 'Checkout' });
    expect(dialog).toHaveAttribute('aria-modal', 'true');
    const frame = screen.getByTitle('Checkout');
    expect(frame).toHaveAttribute(
      'src',
      'https://checkout.example.com/embed/checkout/css_test_abcdefghijklmnop.qrstuvwxyz',
    );
    expect(frame).toHaveAttribute('referrerpolicy', 'no-referrer');
    expect(within(dialog).getByRole('status')).toHaveTextContent('Loading checkout');
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Close checkout' })).toHaveFocus(),
    );
    expect(screen.getByText('open')).toBeInTheDocument();
  });

  it('closes on "Close checkout", calls onCancel once and gives focus back to the button', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<Merchant onCancel={onCancel} />);
    const trigger = screen.getByRole('button', { name: 'Subscribe to Pro Plan' });
    await user.click(trigger);
    await user.click(await screen.findByRole('button', { name: 'Close checkout' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onCancel).toHaveBeenCalledWith({ checkoutSessionId: null });
    expect(await screen.findByText('cancel')).toBeInTheDocument();
    await waitFor(() => expect(trigger).toHaveFocus());
  });

  it('closes on Escape', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    render(<Merchant onCancel={onCancel} />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await screen.findByRole('dialog', { name: 'Checkout' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('calls the latest callbacks passed, not the first ones', async () => {
    const user = userEvent.setup();
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = render(<Merchant onCancel={first} />);
    rerender(<Merchant onCancel={second} />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await user.click(await screen.findByRole('button', { name: 'Close checkout' }));
    await waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    expect(first).not.toHaveBeenCalled();
  });

  it('removes the overlay when the component unmounts while open', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<Merchant />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    await screen.findByRole('dialog', { name: 'Checkout' });
    await act(async () => {
      unmount();
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.queryByTitle('Checkout')).not.toBeInTheDocument();
  });
});

describe('useLavaCheckout, given a bad token', () => {
  it.each([
    [
      'a javascript: base',
      encodeCheckoutToken({ secret: 'css_test_abcdefghijklmnop', base: 'javascript:alert(1)//' }),
    ],
    ['garbage', 'garbage'],
  ])('calls onError for %s and opens nothing', async (_, token) => {
    const user = userEvent.setup();
    const onError = vi.fn();
    render(<Merchant token={token} onError={onError} />);
    await user.click(screen.getByRole('button', { name: 'Subscribe to Pro Plan' }));
    expect(await screen.findByText('error')).toBeInTheDocument();
    expect(onError).toHaveBeenCalledWith({
      checkoutSessionId: null,
      error: {
        code: 'invalid_token',
        message: expect.stringMatching(/^Lava Checkout: the checkout session token is invalid/),
      },
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.queryByTitle('Checkout')).not.toBeInTheDocument();
  });
});
