import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useLavaCheckout } from './useLavaCheckout.ts';

function Merchant() {
  const { isOpen } = useLavaCheckout();
  return <p>{isOpen ? 'open' : 'closed'}</p>;
}

describe('useLavaCheckout on the server', () => {
  it('renders without touching window or document', () => {
    expect(typeof document).toBe('undefined');
    expect(renderToString(<Merchant />)).toBe('<p>closed</p>');
  });
});
