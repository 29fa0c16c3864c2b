import type { CheckoutStep } from '@lava-checkout/protocol';
import type { Frame } from './createFrame.ts';
import type { Overlay } from './loadOverlay.ts';
import type { CheckoutCallbacks, CheckoutError, CheckoutResult } from './types.ts';

/** What the overlay shows of one checkout; the controller adds the frame's URL and open id. */
export type View =
  | { status: 'loading' }
  | {
      status: 'ready';
      checkoutSessionId: string | null;
      step: CheckoutStep | null;
      closeRefused: boolean;
    }
  | { status: 'success'; checkoutSessionId: string; customerId: string }
  | { status: 'failed'; checkoutSessionId: string | null; error: CheckoutError };

/** One frame and the checkout in it, from `open()` or `preload()` until it is removed. */
export interface Session {
  frame: Frame;
  view: View;
  sid: string | null;
  openId: number;
  /** Opened, not only preloaded: callbacks run and the overlay shows. */
  shown?: boolean;
  settled?: boolean;
  removed?: boolean;
  closing?: boolean;
  overlay?: Overlay | null;
  returnFocus?: Element | null;
  timer?: ReturnType<typeof setTimeout>;
  endTimer?: ReturnType<typeof setTimeout>;
  resolve: (result: CheckoutResult) => void;
  promise: Promise<CheckoutResult>;
  answered: (ready: boolean) => void;
  ready: Promise<boolean>;
  preloaded?: Promise<boolean>;
}

/** What handling a frame's message may do to its controller. */
export interface SessionHost {
  isActive(s: Session): boolean;
  publish(s: Session): void;
  call<K extends keyof CheckoutCallbacks>(
    name: K,
    value: Parameters<NonNullable<CheckoutCallbacks[K]>>[0],
  ): void;
  finish(s: Session, result: CheckoutResult): void;
  dismiss(s: Session): void;
  succeed(s: Session): void;
  close(): void;
}
