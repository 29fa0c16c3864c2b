'use client';

import { balanceLevel, formatCredits } from '@lava-checkout/js';
import { type ComponentType, useRef, useState } from 'react';
import { BALANCE_COLORS, type BalanceTheme } from './balanceColors.ts';
import type { LavaBalancePopoverProps } from './LavaBalancePopover.tsx';
import { type UseLavaBalanceOptions, useLavaBalance } from './useLavaBalance.ts';

export interface LavaBalanceProps extends UseLavaBalanceOptions {
  /**
   * The `customer_session_token` your server minted with `createCustomerSession()`; `undefined`
   * while it is on its way (the badge says it is loading), `null` when nobody is signed in (no
   * badge).
   */
  token: string | null | undefined;
  /** Colours for a light or a dark page. @default 'light' */
  theme?: BalanceTheme | undefined;
  /** A BCP 47 tag for money and dates. @default the browser's language */
  locale?: string | undefined;
}

// The popover, with Floating UI, loads on the first click (or pointer hover, to be quick), never before.
let popover: Promise<ComponentType<LavaBalancePopoverProps>> | null = null;
const loadPopover = () => {
  popover ??= import('./LavaBalancePopover.tsx').then((module) => module.LavaBalancePopover);
  return popover;
};

/**
 * A compact badge of the customer's credits left, updated live; its button opens the details
 * (cycle and bundle credits, plan, renewal, pending change) in a popover.
 *
 * @example
 * <LavaBalance token={customerSessionToken} checkoutOrigin="https://checkout.example.com" />
 */
export function LavaBalance({ token, theme = 'light', locale, ...options }: LavaBalanceProps) {
  const state = useLavaBalance(token, options);
  const [open, setOpen] = useState(false);
  const [Popover, setPopover] = useState<ComponentType<LavaBalancePopoverProps> | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  if (token === null) return null;
  const colors = BALANCE_COLORS[theme];
  const level = balanceLevel(state);

  const prepare = () => {
    void loadPopover().then((loaded) => setPopover(() => loaded));
  };
  const label = state.credits
    ? level === 'zero'
      ? 'No credits left'
      : `${formatCredits(state.credits.total, locale)} left${level === 'low' ? ' · low' : ''}`
    : state.error
      ? 'Balance unavailable'
      : 'Loading balance…';

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-busy={state.loading}
        onPointerEnter={prepare}
        onClick={() => {
          prepare();
          setOpen((was) => !was);
        }}
        style={{
          padding: '4px 10px',
          borderRadius: 999,
          border: `1px solid ${colors.border}`,
          background: colors.background,
          color: colors[level ?? 'normal'],
          font: 'inherit',
          fontVariantNumeric: 'tabular-nums',
          cursor: 'pointer',
        }}
      >
        {label}
      </button>
      {open && Popover && button.current && (
        <Popover
          anchor={button.current}
          state={state}
          colors={colors}
          money={(amount) => formatCredits(amount, locale)}
          locale={locale}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
