import { createCheckout } from '@lava-checkout/js';
import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LavaCheckoutOverlay } from './LavaCheckoutOverlay.tsx';

const TOKEN = encodeCheckoutToken({
  secret: 'css_test_abcdefghijklmnop.qrstuvwxyz',
  base: 'https://checkout.example.com/',
});

describe('LavaCheckoutOverlay, given a checkout that failed', () => {
  it('says the page could not be loaded, and loads a fresh frame when the same token is opened again', async () => {
    const checkout = createCheckout({ handshakeTimeoutMs: 20 });
    render(<LavaCheckoutOverlay checkout={checkout} />);
    act(() => {
      void checkout.open(TOKEN);
    });
    const first = await screen.findByTitle('Checkout');
    expect(await screen.findByRole('alert')).toHaveTextContent('The checkout could not be loaded.');

    act(() => {
      void checkout.open(TOKEN);
    });
    // Checked at once: the 20 ms handshake timeout would fail this open too.
    const second = screen.getByTitle('Checkout');
    expect(second).not.toBe(first);
    expect(first.isConnected).toBe(false);
    expect(screen.getByRole('status')).toHaveTextContent('Loading checkout');
  });
});
