'use client';

export type {
  Appearance,
  AppearanceTheme,
  AppearanceVariables,
  CheckoutError,
  CheckoutErrorCode,
  CheckoutResult,
  CheckoutStatus,
  CheckoutStep,
  CheckoutSuccess,
} from '@lava-checkout/js';
export type { UseLavaCheckoutOptions, UseLavaCheckoutResult } from './useLavaCheckout.ts';
export { useLavaCheckout } from './useLavaCheckout.ts';
