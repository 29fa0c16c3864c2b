import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { openAccount } from './openAccount.ts';

// The stand-in pages (.storybook/fake-checkout) are served at this origin: the account's at
// /embed/account/, where a customer session's token points.
const BASE = `${window.location.origin}/`;
const ACCOUNT_TOKEN = encodeCheckoutToken({ secret: 'lcs_test_ready.html', base: BASE });
const CHECKOUT_TOKEN = encodeCheckoutToken({ secret: 'ready.html', base: BASE });
const options = { checkoutOrigin: window.location.origin };

afterEach(() => {
  document.body.replaceChildren();
});

const overlay = () => {
  const host = document.body.querySelector('lava-checkout');
  if (!host?.shadowRoot) throw new Error('no overlay on the page');
  return within(host.shadowRoot as unknown as HTMLElement);
};
// Named for the account once the overlay's code has mounted it.
const frameOf = () => overlay().getByTitle(/^(Checkout|Account)$/) as HTMLIFrameElement;

describe('openAccount', () => {
  it('opens the account page in the overlay, and resolves closed when the customer closes it', async () => {
    const onClose = vi.fn();
    const closed = openAccount(ACCOUNT_TOKEN, { ...options, onClose });
    expect(frameOf().src).toBe(`${BASE}embed/account/lcs_test_ready.html`);
    const card = await waitFor(() =>
      within(frameOf().contentDocument?.body as HTMLElement).getByRole('textbox', {
        name: 'Card number',
      }),
    );
    await waitFor(() => expect(card).toHaveFocus());
    expect(overlay().getByRole('dialog', { name: 'Account' })).toBeInTheDocument();
    expect(overlay().getByRole('button', { name: 'Close account' })).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    expect(await closed).toEqual({ status: 'closed' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(document.body.querySelector('lava-checkout')).toBeNull();
  });

  it('refuses a checkout’s token, saying what to pass, and adds nothing to the page', async () => {
    const onError = vi.fn();
    const result = await openAccount(CHECKOUT_TOKEN, { ...options, onError });
    expect(result).toMatchObject({ status: 'error', error: { code: 'invalid_token' } });
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/customer_session_token/) }),
    );
    expect(document.body.querySelector('lava-checkout')).toBeNull();
  });

  it('refuses a token that is not one', async () => {
    const result = await openAccount('not a token', options);
    expect(result).toMatchObject({ status: 'error', error: { code: 'invalid_token' } });
    expect(document.body.querySelector('lava-checkout')).toBeNull();
  });
});
