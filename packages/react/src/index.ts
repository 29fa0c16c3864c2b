'use client';

export type {
  AccountResult,
  Appearance,
  AppearanceTheme,
  AppearanceVariables,
  CheckoutError,
  CheckoutErrorCode,
  CheckoutResult,
  CheckoutStatus,
  CheckoutStep,
  CheckoutSuccess,
  LavaBalanceError,
  LavaBalanceErrorCode,
} from '@lava-checkout/js';
export type { BalanceTheme } from './balanceColors.ts';
export type { LavaBalanceProps } from './LavaBalance.tsx';
export { LavaBalance } from './LavaBalance.tsx';
export type { UseLavaAccountOptions, UseLavaAccountResult } from './useLavaAccount.ts';
export { useLavaAccount } from './useLavaAccount.ts';
export type { UseLavaBalanceOptions, UseLavaBalanceResult } from './useLavaBalance.ts';
export { useLavaBalance } from './useLavaBalance.ts';
export type { UseLavaCheckoutOptions, UseLavaCheckoutResult } from './useLavaCheckout.ts';
export { useLavaCheckout } from './useLavaCheckout.ts';
