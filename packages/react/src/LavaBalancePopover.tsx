'use client';

import {
  autoUpdate,
  FloatingFocusManager,
  FloatingPortal,
  flip,
  offset,
  shift,
  useDismiss,
  useFloating,
  useInteractions,
  useRole,
} from '@floating-ui/react';
import type { LavaBalanceState } from '@lava-checkout/js';
import { useId } from 'react';
import type { BALANCE_COLORS } from './balanceColors.ts';

export interface LavaBalancePopoverProps {
  /** The badge it opens from; focus returns to it on close. */
  anchor: HTMLElement;
  state: LavaBalanceState;
  /** The theme's colours (passed, so this chunk shares no module with the badge's). */
  colors: (typeof BALANCE_COLORS)[keyof typeof BALANCE_COLORS];
  /** Formats a credit amount as the badge does. */
  money: (amount: string) => string;
  locale: string | undefined;
  onClose: () => void;
}

const date = (iso: string, locale: string | undefined) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(iso));

/** What the badge opens: the balance's details, in a dialog anchored to it with Floating UI. */
export function LavaBalancePopover({
  anchor,
  state,
  colors,
  money,
  locale,
  onClose,
}: LavaBalancePopoverProps) {
  const titleId = useId();
  const { refs, floatingStyles, context } = useFloating({
    open: true,
    onOpenChange: (open) => {
      if (!open) onClose();
    },
    elements: { reference: anchor },
    placement: 'bottom-end',
    middleware: [offset(6), flip(), shift({ padding: 8 })],
    whileElementsMounted: autoUpdate,
  });
  const { getFloatingProps } = useInteractions([useDismiss(context), useRole(context)]);
  const { credits, plan, pending_change, cycle_end_at, error } = state;
  const rows: [string, string][] = credits
    ? [
        ['Cycle credits', money(credits.cycle)],
        ['Bundle credits', money(credits.bundle)],
        ['Total', money(credits.total)],
      ]
    : [];
  if (plan) rows.push(['Plan', plan.name]);
  if (cycle_end_at) {
    rows.push([
      pending_change?.type === 'cancellation' ? 'Ends' : 'Renews',
      date(cycle_end_at, locale),
    ]);
  }
  if (pending_change?.type === 'downgrade') {
    rows.push([
      'Scheduled change',
      `To ${pending_change.name ?? 'another plan'}${pending_change.effective_at ? ` on ${date(pending_change.effective_at, locale)}` : ''}`,
    ]);
  } else if (pending_change?.type === 'cancellation') {
    rows.push(['Scheduled change', 'Cancels at the end of the cycle']);
  }

  return (
    <FloatingPortal>
      <FloatingFocusManager context={context} modal={false} returnFocus>
        <div
          ref={refs.setFloating}
          role="dialog"
          aria-labelledby={titleId}
          tabIndex={-1}
          {...getFloatingProps()}
          style={{
            ...floatingStyles,
            zIndex: 2147483000,
            minWidth: 220,
            padding: 12,
            borderRadius: 8,
            border: `1px solid ${colors.border}`,
            background: colors.background,
            color: colors.text,
            boxShadow: '0 8px 24px rgba(0,0,0,.2)',
            font: '14px/1.4 system-ui, sans-serif',
          }}
        >
          <h2 id={titleId} style={{ margin: '0 0 8px', fontSize: 14 }}>
            Balance details
          </h2>
          {error && <p style={{ margin: '0 0 8px', color: colors.zero }}>{error.message}</p>}
          <dl
            style={{
              display: 'grid',
              gridTemplateColumns: 'auto auto',
              gap: '4px 16px',
              margin: 0,
            }}
          >
            {rows.map(([term, value]) => (
              <div key={term} style={{ display: 'contents' }}>
                <dt style={{ color: colors.muted }}>{term}</dt>
                <dd style={{ margin: 0, textAlign: 'end', fontVariantNumeric: 'tabular-nums' }}>
                  {value}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </FloatingFocusManager>
    </FloatingPortal>
  );
}
