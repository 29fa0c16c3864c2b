import { version } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { useLavaCheckout } from './useLavaCheckout.ts';

// Runs on React 19 (project node) and React 18 (project node-react18).
function Merchant() {
  const { isOpen, status, step } = useLavaCheckout();
  return <p>{`${isOpen ? 'open' : 'closed'} ${status} ${step ?? 'none'}`}</p>;
}

describe(`useLavaCheckout on the server, React ${version}`, () => {
  it('renders without touching window or document', () => {
    expect(typeof document).toBe('undefined');
    expect(renderToString(<Merchant />)).toBe('<p>closed closed none</p>');
  });
});
