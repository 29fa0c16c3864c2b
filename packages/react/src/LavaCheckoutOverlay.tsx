'use client';

import {
  FloatingFocusManager,
  FloatingOverlay,
  FloatingPortal,
  useDismiss,
  useFloating,
  useInteractions,
  useRole,
} from '@floating-ui/react';
import type { Checkout } from '@lava-checkout/js';
import { type CSSProperties, useCallback, useEffect, useRef } from 'react';
import { useCheckoutState } from './useCheckoutState.ts';

export interface LavaCheckoutOverlayProps {
  /** The controller whose checkout this overlay shows, from `createCheckout()`. */
  checkout: Checkout;
}

const styles = {
  backdrop: {
    background: 'rgba(17, 17, 26, 0.55)',
    display: 'grid',
    placeItems: 'center',
    zIndex: 2147483647,
  },
  panel: {
    position: 'relative',
    width: 'min(30rem, 100vw)',
    height: 'min(46rem, 100dvh)',
    background: '#fff',
    borderRadius: '0.75rem',
    overflow: 'hidden',
    boxShadow: '0 1.5rem 3rem rgba(0, 0, 0, 0.3)',
  },
  close: {
    position: 'absolute',
    top: '0.5rem',
    right: '0.5rem',
    zIndex: 1,
    width: '2.25rem',
    height: '2.25rem',
    border: 0,
    borderRadius: '50%',
    background: 'rgba(0, 0, 0, 0.06)',
    font: '600 1.25rem/1 system-ui, sans-serif',
    cursor: 'pointer',
  },
  frame: { width: '100%', height: '100%', border: 0, display: 'block' },
  notice: {
    position: 'absolute',
    inset: 0,
    display: 'grid',
    placeItems: 'center',
    padding: '2rem',
    textAlign: 'center',
    font: '1rem/1.5 system-ui, sans-serif',
    color: '#3f3d46',
  },
} satisfies Record<string, CSSProperties>;

/**
 * The checkout overlay: a modal dialog named "Checkout" around the hosted page's iframe, with
 * a "Close checkout" button. Focus moves into the dialog, stays there, moves into the frame
 * once it is ready, and returns to where it was when the overlay closes. Escape closes it.
 */
export function LavaCheckoutOverlay({ checkout }: LavaCheckoutOverlayProps) {
  const state = useCheckoutState(checkout);
  const open = state.status !== 'closed';
  const iframeRef = useRef<HTMLIFrameElement | null>(null);
  const closeRef = useRef<HTMLButtonElement | null>(null);
  const { refs, context } = useFloating({
    open,
    onOpenChange: (next) => {
      if (!next) checkout.close();
    },
  });
  const { getFloatingProps } = useInteractions([
    useDismiss(context, { outsidePress: false }),
    useRole(context, { role: 'dialog' }),
  ]);

  // A callback ref, not an effect: the portal mounts the iframe a render after the state
  // opens, and each open's frame (keyed by openId) must get its own handshake.
  const detachFrame = useRef<(() => void) | null>(null);
  const frameRef = useCallback(
    (iframe: HTMLIFrameElement | null) => {
      detachFrame.current?.();
      detachFrame.current = iframe ? checkout.attachFrame(iframe) : null;
      iframeRef.current = iframe;
    },
    [checkout],
  );

  const ready = state.status === 'ready';
  useEffect(() => {
    // Hand focus to the frame, whose first field takes it.
    if (ready) iframeRef.current?.focus();
  }, [ready]);

  if (state.status === 'closed') return null;
  const unreachable = state.status === 'failed' && state.error.code === 'frame_unreachable';
  return (
    <FloatingPortal>
      <FloatingOverlay lockScroll style={styles.backdrop}>
        <FloatingFocusManager context={context} initialFocus={closeRef}>
          <div
            ref={refs.setFloating}
            role="dialog"
            aria-label="Checkout"
            aria-modal="true"
            style={styles.panel}
            {...getFloatingProps()}
          >
            <button
              ref={closeRef}
              type="button"
              aria-label="Close checkout"
              style={styles.close}
              onClick={() => checkout.close()}
            >
              ×
            </button>
            {state.status === 'loading' ? (
              <p role="status" style={styles.notice}>
                Loading checkout…
              </p>
            ) : null}
            {unreachable ? (
              <p role="alert" style={styles.notice}>
                The checkout could not be loaded. Close it and try again.
              </p>
            ) : null}
            <iframe
              ref={frameRef}
              key={state.openId}
              src={state.frameUrl}
              title="Checkout"
              allow="payment"
              referrerPolicy="no-referrer"
              sandbox="allow-forms allow-scripts allow-same-origin allow-popups"
              style={{
                ...styles.frame,
                visibility: state.status === 'loading' || unreachable ? 'hidden' : 'visible',
              }}
            />
          </div>
        </FloatingFocusManager>
      </FloatingOverlay>
    </FloatingPortal>
  );
}
