'use client';

export type {
  CheckoutError,
  CheckoutResult,
  CheckoutSuccess,
} from '@lava-checkout/js';
export { createCheckout } from '@lava-checkout/js';
export type { LavaCheckoutOverlayProps } from './LavaCheckoutOverlay.tsx';
export { LavaCheckoutOverlay } from './LavaCheckoutOverlay.tsx';
export type { UseLavaCheckoutOptions, UseLavaCheckoutResult } from './useLavaCheckout.ts';
export { useLavaCheckout } from './useLavaCheckout.ts';
