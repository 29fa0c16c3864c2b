import { useLavaCheckout } from '@lava-checkout/react';
import { useLavaCheckout as usePublishedHook } from '@lavapayments/checkout';
import { createRoot } from 'react-dom/client';

// One merchant page with both SDKs, driven by scripts/benchOpen.ts through window.bench.
declare global {
  interface Window {
    bench: {
      open(token: string): void;
      preload(token: string): Promise<boolean>;
      close(): void;
      openPublished(token: string): void;
    };
  }
}

// The checkout service the bench runs, named by scripts/benchOpen.ts in the page's address.
const checkoutOrigin = new URLSearchParams(location.search).get('checkout') ?? undefined;

function Bench() {
  const ours = useLavaCheckout({
    checkoutOrigin,
    successDelayMs: 0,
    onReady: () => {
      (window as unknown as { __sdkReadyAt: number }).__sdkReadyAt = performance.now();
    },
  });
  const published = usePublishedHook({});
  window.bench = {
    open: (token) => void ours.open(token),
    preload: ours.preload,
    close: ours.close,
    openPublished: (token) => published.open(token),
  };
  return <p>Benchmark page</p>;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Bench />);
