import { useLavaCheckout } from '@lavapayments/checkout';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

// A merchant page on the published @lavapayments/checkout 0.1.3 hook, which knows no
// handshake: our checkout must still report success and cancel to it.
function LegacyMerchant() {
  const [result, setResult] = useState('');
  const { open } = useLavaCheckout({
    onSuccess: ({ checkoutSessionId, connectionId }) =>
      setResult(`success ${checkoutSessionId} ${connectionId}`),
    onCancel: ({ checkoutSessionId }) => setResult(`cancel ${checkoutSessionId}`),
  });
  const subscribe = async () => {
    const { token } = (await (await fetch('/token', { method: 'POST' })).json()) as {
      token: string;
    };
    open(token);
  };
  return (
    <main>
      <button type="button" onClick={subscribe}>
        Subscribe with the published hook
      </button>
      <output aria-label="Result">{result}</output>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<LegacyMerchant />);
