import { useEffect, useRef } from 'react';
import type { EndedStatus } from '../shared/PageBootstrap.ts';
import type { FrameBridge } from './createFrameBridge.ts';
import { useI18n } from './i18n/I18nContext.ts';

export type { EndedStatus };

/** What the SDK hears of each ending: an idle session is over like an expired one. */
const FRAME_ERROR = {
  invalid: 'session_invalid',
  expired: 'session_expired',
  idle: 'session_expired',
  completed: 'session_completed',
} as const satisfies Record<EndedStatus, string>;

export interface SessionEndedProps {
  status: EndedStatus;
  /** What the session sold, for the words of a completed one. @default 'subscription' */
  mode?: 'subscription' | 'credit_bundle' | undefined;
  /** The merchant to go back to, when the page knows it. */
  merchantName?: string | null | undefined;
  /** It replaces a step the customer was on: focus moves to its heading, so it is read out. */
  takeFocus?: boolean | undefined;
  bridge: FrameBridge;
}

/**
 * The screen of a session that cannot be used: a heading, a sentence the customer understands,
 * and a button back to the merchant, which asks the SDK to close the overlay (an older client
 * hears a cancel). The SDK hears why at once and keeps the overlay open on this screen; its
 * message goes to the merchant's code, never to the customer.
 */
export function SessionEnded({
  status,
  mode,
  merchantName,
  takeFocus = false,
  bridge,
}: SessionEndedProps) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    bridge.error(FRAME_ERROR[status]);
  }, [bridge, status]);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  const screens: Record<EndedStatus, { title: string; text: string }> = {
    invalid: { title: t.ended.invalidTitle, text: t.ended.invalidText },
    expired: { title: t.ended.expiredTitle, text: t.ended.expiredText },
    idle: { title: t.ended.idleTitle, text: t.ended.idleText },
    completed: {
      title: t.ended.completedTitle,
      text: mode === 'credit_bundle' ? t.ended.completedBundle : t.ended.completedSubscription,
    },
  };
  const screen = screens[status];
  return (
    <section aria-labelledby="ended-title" className="ended">
      <h1 id="ended-title" ref={heading} tabIndex={-1}>
        {screen.title}
      </h1>
      <p>{screen.text}</p>
      {bridge.mode() === 'standalone' ? null : (
        <button type="button" onClick={() => bridge.requestClose()}>
          {merchantName ? t.actions.backTo(merchantName) : t.actions.goBack}
        </button>
      )}
    </section>
  );
}
