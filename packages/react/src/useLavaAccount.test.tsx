import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent as browserUser } from 'vitest/browser';
import { useLavaAccount } from './useLavaAccount.ts';

// The stand-in account page (.storybook/fake-checkout/embed/account/) at this origin.
const ORIGIN = window.location.origin;
const ACCOUNT_TOKEN = encodeCheckoutToken({
  secret: 'lcs_test_ready.html',
  base: `${ORIGIN}/`,
});

function Merchant({ token = ACCOUNT_TOKEN, onClose }: { token?: string; onClose?: () => void }) {
  const { openAccount, isOpen } = useLavaAccount({ checkoutOrigin: ORIGIN, onClose });
  const [result, setResult] = useState('');
  return (
    <>
      <button type="button" onClick={() => openAccount(token).then((r) => setResult(r.status))}>
        Your account
      </button>
      <p>{isOpen ? 'overlay open' : 'overlay closed'}</p>
      <output>{result}</output>
    </>
  );
}

afterEach(() => {
  document.body.replaceChildren();
});

const frameBody = () => {
  const host = document.body.querySelector('lava-checkout');
  const frame = within(host?.shadowRoot as unknown as HTMLElement).getByTitle(
    /^(Checkout|Account)$/,
  ) as HTMLIFrameElement;
  return within(frame.contentDocument?.body as HTMLElement);
};

describe('useLavaAccount', () => {
  it('given a customer session, opens the account in the overlay until the customer closes it', async () => {
    const onClose = vi.fn();
    render(<Merchant onClose={onClose} />);
    await userEvent.click(screen.getByRole('button', { name: 'Your account' }));
    expect(screen.getByText('overlay open')).toBeInTheDocument();
    const card = await waitFor(() => frameBody().getByRole('textbox', { name: 'Card number' }));
    await waitFor(() => expect(card).toHaveFocus());
    await browserUser.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('closed'));
    expect(screen.getByText('overlay closed')).toBeInTheDocument();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('given a checkout token, refuses it and logs why', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(<Merchant token={encodeCheckoutToken({ secret: 'ready.html', base: `${ORIGIN}/` })} />);
    await userEvent.click(screen.getByRole('button', { name: 'Your account' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('error'));
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/customer_session_token/));
    error.mockRestore();
  });
});
