import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LavaBalance } from './LavaBalance.tsx';
import { useLavaBalance } from './useLavaBalance.ts';

const ORIGIN = window.location.origin;

function Credits({ token }: { token: string | null | undefined }) {
  const { loading, credits } = useLavaBalance(token, { checkoutOrigin: ORIGIN });
  return <p>{loading ? 'waiting' : (credits?.total ?? 'no balance')}</p>;
}

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('a balance without a customer session', () => {
  it('shows no badge for a null token (nobody signed in) and asks the service nothing', () => {
    const fetch = vi.spyOn(window, 'fetch');
    const EventSource = vi.spyOn(window, 'EventSource');
    render(
      <>
        <LavaBalance token={null} checkoutOrigin={ORIGIN} />
        <Credits token={null} />
      </>,
    );
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('no balance')).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
    expect(EventSource).not.toHaveBeenCalled();
  });

  it('says it is loading while the token is undefined (on its way from the server)', () => {
    render(
      <>
        <LavaBalance token={undefined} checkoutOrigin={ORIGIN} />
        <Credits token={undefined} />
      </>,
    );
    expect(screen.getByRole('button', { name: 'Loading balance…' })).toHaveAttribute(
      'aria-busy',
      'true',
    );
    expect(screen.getByText('waiting')).toBeInTheDocument();
  });
});
