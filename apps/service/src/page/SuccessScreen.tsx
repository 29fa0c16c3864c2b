import { useEffect, useRef } from 'react';
import type { CreditBundleOffer, SubscriptionOffer } from '../shared/PageBootstrap.ts';
import type { FrameBridge } from './createFrameBridge.ts';
import { useI18n } from './i18n/I18nContext.ts';

/** How a checkout ended well. */
export type SuccessOutcome =
  | 'subscribed'
  | 'already_subscribed'
  | 'credits_added'
  /** A cheaper plan than the customer's: theirs from `startsAt`, nothing charged. */
  | 'change_scheduled';

export interface SuccessScreenProps {
  outcome: SuccessOutcome;
  /** `change_scheduled`: when the plan becomes the customer's (ISO-8601). */
  startsAt?: string | undefined;
  offer: SubscriptionOffer | CreditBundleOffer;
  merchantName: string;
  /** It replaces the step the customer was on: focus moves to its heading, so it is read out. */
  takeFocus: boolean;
  bridge: FrameBridge;
}

/**
 * The end of a checkout that went well: subscribed, already subscribed (not charged again), a
 * cheaper plan scheduled for the end of the current one's cycle, or credits added. The SDK closes the overlay after a moment; the button does it at once. On the
 * standalone page there is no overlay to close: the screen stays, without the button.
 */
export function SuccessScreen({
  outcome,
  startsAt,
  offer,
  merchantName,
  takeFocus,
  bridge,
}: SuccessScreenProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);
  const [title, text] =
    offer.kind === 'credit_bundle'
      ? [t.success.creditsTitle, t.success.creditsText(i18n.money(offer.credits), offer.planName)]
      : outcome === 'already_subscribed'
        ? [t.success.alreadyTitle, t.success.alreadyText(offer.planName)]
        : outcome === 'change_scheduled' && startsAt
          ? [t.success.changeTitle, t.success.changeText(offer.planName, i18n.date(startsAt))]
          : [t.success.subscribedTitle, t.success.subscribedText(offer.planName)];
  return (
    <section aria-labelledby="success-title" className="success">
      <h2 id="success-title" ref={heading} tabIndex={-1}>
        <span className="check" aria-hidden="true" />
        {title}
      </h2>
      <p>{text}</p>
      {bridge.mode() === 'standalone' ? null : (
        <button type="button" onClick={() => bridge.requestClose()}>
          {t.actions.backTo(merchantName)}
        </button>
      )}
    </section>
  );
}
