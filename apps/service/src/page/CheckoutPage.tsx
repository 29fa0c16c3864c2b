import type { CheckoutStep } from '@lava-checkout/protocol';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CardOnFile } from '../shared/checkoutContract.ts';
import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import type { Clock } from './Clock.ts';
import { CodeStep } from './CodeStep.tsx';
import { type CheckoutApi, CheckoutApiError } from './createCheckoutApi.ts';
import type { FrameBridge } from './createFrameBridge.ts';
import { firstStep } from './firstStep.ts';
import { I18nContext, useI18n } from './i18n/I18nContext.ts';
import { usePageI18n } from './i18n/usePageI18n.ts';
import { OrderSummary } from './OrderSummary.tsx';
import { PhoneStep } from './PhoneStep.tsx';
import type { LoadStripeJs } from './payments/StripeJs.ts';
import { type EndedStatus, SessionEnded } from './SessionEnded.tsx';
import { type SuccessOutcome, SuccessScreen } from './SuccessScreen.tsx';
import { SummaryFooter } from './SummaryFooter.tsx';
import { useBridgeMode } from './useBridgeMode.ts';
import { useSessionClock } from './useSessionClock.ts';
import type { SessionEndingCode } from './useSubmit.ts';

// The card step, its formatting and card-validator load once the code step shows: the first
// step carries none of it.
const loadPaymentStep = () => import('./PaymentStep.tsx');
const PaymentStep = lazy(loadPaymentStep);

export interface CheckoutPageProps {
  bootstrap: PageBootstrap;
  bridge: FrameBridge;
  api: CheckoutApi;
  /** Stories and tests hand in a stand-in for Stripe.js. @default Stripe.js from js.stripe.com */
  loadStripe?: LoadStripeJs;
  /** The customer's languages, when the SDK names none. @default navigator.languages */
  languages?: readonly string[];
  /** Stories and tests hand in a clock they move by hand. @default the browser's */
  clock?: Clock;
  /**
   * What the customer typed into the first step the server rendered, by field name (`phone`,
   * `country`, `code`), for the page that takes over from it. @default {}
   */
  firstValues?: Readonly<Record<string, string>>;
}

type ActiveBootstrap = Extract<PageBootstrap, { status: 'active' }>;

type View =
  | { step: 'phone' }
  /** `resendAfter`: seconds until another code may be asked for, when the service said. */
  | { step: 'code'; phone: string; resendAfter: number }
  /** `amountDue`: an upgrade from the customer's cheaper plan, charged instead of the price. */
  | { step: 'payment'; processing: boolean; cardOnFile: CardOnFile | null; amountDue?: string }
  | { step: 'success'; outcome: SuccessOutcome; startsAt?: string }
  | { step: 'ended'; status: EndedStatus };

const initialView = (bootstrap: ActiveBootstrap): View => {
  switch (firstStep(bootstrap)) {
    case 'code':
      return { step: 'code', phone: bootstrap.phone ?? '', resendAfter: 0 };
    case 'payment':
      return { step: 'payment', processing: false, cardOnFile: bootstrap.cardOnFile };
    default:
      return { step: 'phone' };
  }
};

const reportedStep = (view: View): CheckoutStep | null => {
  if (view.step === 'payment') return view.processing ? 'processing' : 'payment';
  return view.step === 'phone' || view.step === 'code' ? view.step : null;
};

/**
 * The hosted checkout, in the customer's language (the SDK's `locale` option, else the
 * browser's): the summary on every step; phone, code and payment; then the success screen, or
 * the screen of a session that cannot be used.
 */
export function CheckoutPage({
  bootstrap,
  bridge,
  api,
  loadStripe,
  languages,
  firstValues = {},
  clock,
}: CheckoutPageProps) {
  const { i18n, customerLanguages } = usePageI18n(bridge, languages);
  return (
    <I18nContext.Provider value={i18n}>
      {bootstrap.status === 'active' ? (
        <CheckoutFlow
          bootstrap={bootstrap}
          bridge={bridge}
          api={api}
          loadStripe={loadStripe}
          languages={customerLanguages}
          firstValues={firstValues}
          clock={clock}
        />
      ) : (
        <main className="checkout">
          <SessionEnded
            status={bootstrap.status}
            mode={bootstrap.status === 'invalid' ? undefined : bootstrap.mode}
            merchantName={bootstrap.status === 'invalid' ? undefined : bootstrap.merchantName}
            bridge={bridge}
          />
        </main>
      )}
    </I18nContext.Provider>
  );
}

interface CheckoutFlowProps {
  bootstrap: ActiveBootstrap;
  bridge: FrameBridge;
  api: CheckoutApi;
  loadStripe: LoadStripeJs | undefined;
  languages: readonly string[];
  firstValues: Readonly<Record<string, string>>;
  clock: Clock | undefined;
}

function CheckoutFlow({
  bootstrap,
  bridge,
  api,
  loadStripe,
  languages,
  firstValues,
  clock,
}: CheckoutFlowProps) {
  const [view, setView] = useState<View>(() => initialView(bootstrap));
  // Whether the customer has moved on from the first screen: later screens take the focus.
  const moved = useRef(false);
  const go = useCallback((next: View) => {
    moved.current = true;
    setView(next);
  }, []);
  const mode = useBridgeMode(bridge);
  const step = reportedStep(view);
  // What was typed into the server's rendering fills the first screen only, not one come back to.
  const typed = moved.current ? {} : firstValues;
  const { offer, merchant } = bootstrap;

  useEffect(() => {
    if (step) bridge.step(step);
  }, [bridge, step]);
  useEffect(() => {
    if (view.step === 'code') void loadPaymentStep();
  }, [view.step]);

  const endSession = useCallback(
    (code: SessionEndingCode | 'idle' | 'expired') =>
      go({ step: 'ended', status: code.replace('session_', '') as EndedStatus }),
    [go],
  );
  const touch = useSessionClock({
    idleInMs: bootstrap.idleInMs,
    idleAfterMs: bootstrap.idleAfterMs,
    expiresInMs: bootstrap.expiresInMs,
    paused:
      (view.step === 'payment' && view.processing) ||
      view.step === 'success' ||
      view.step === 'ended',
    onEnd: endSession,
  });
  // Every step the service took counts the idle minutes anew, as it does there; so does a
  // refused charge, which moved the session too.
  const tracked = useMemo<CheckoutApi>(() => {
    const moved = <T,>(value: T) => {
      touch();
      return value;
    };
    const charged = (error: unknown): never => {
      if (error instanceof CheckoutApiError && error.status === 402) touch();
      throw error;
    };
    return {
      sendCode: (phone) => api.sendCode(phone).then(moved),
      verifyCode: (code) => api.verifyCode(code).then(moved),
      subscribe: (request) => api.subscribe(request).then(moved, charged),
      buy: (request) => api.buy(request).then(moved, charged),
    };
  }, [api, touch]);

  if (view.step === 'ended') {
    return (
      <main className="checkout">
        <SessionEnded
          status={view.status}
          mode={offer.kind}
          merchantName={merchant.name}
          takeFocus={moved.current}
          bridge={bridge}
        />
      </main>
    );
  }

  return (
    <main className="checkout">
      <OrderSummary
        merchant={merchant}
        offer={offer}
        testMode={bootstrap.testMode}
        alreadySubscribed={
          view.step === 'success' &&
          (view.outcome === 'already_subscribed' || view.outcome === 'change_scheduled')
        }
        amountDue={view.step === 'payment' ? (view.amountDue ?? null) : null}
      />
      {mode === 'legacy' && view.step !== 'success' ? (
        <CancelButton onCancel={() => bridge.cancel()} />
      ) : null}
      <div className="step">
        {view.step === 'phone' ? (
          <PhoneStep
            api={tracked}
            returning={bootstrap.returning}
            phoneInput={bootstrap.phoneInput}
            initialPhone={typed.phone}
            initialCountry={typed.country}
            languages={languages}
            onCodeSent={(sent) =>
              go({ step: 'code', phone: sent.phone, resendAfter: sent.resend_after })
            }
            onSessionEnd={endSession}
          />
        ) : null}
        {view.step === 'code' ? (
          <CodeStep
            api={tracked}
            phone={view.phone}
            returning={bootstrap.returning !== null}
            initialCode={typed.code}
            resendAfter={view.resendAfter}
            clock={clock}
            onVerified={(result) => {
              const withoutCard = result.subscribed_without_card;
              if (result.already_subscribed) {
                go({ step: 'success', outcome: 'already_subscribed' });
                bridge.success(result.already_subscribed.customer_id);
              } else if (withoutCard) {
                // A $0 plan, or a cheaper one than theirs for later: no card, nothing charged.
                go(
                  withoutCard.starts_at
                    ? {
                        step: 'success',
                        outcome: 'change_scheduled',
                        startsAt: withoutCard.starts_at,
                      }
                    : { step: 'success', outcome: 'subscribed' },
                );
                bridge.success(withoutCard.customer_id);
              } else {
                go({
                  step: 'payment',
                  processing: false,
                  cardOnFile: result.card_on_file ?? null,
                  ...(result.amount_due ? { amountDue: result.amount_due } : {}),
                });
              }
            }}
            onChangePhone={() => go({ step: 'phone' })}
            onSessionEnd={endSession}
          />
        ) : null}
        {view.step === 'payment' ? (
          <Suspense fallback={<PaymentLoading />}>
            <PaymentStep
              api={tracked}
              offer={offer}
              testMode={bootstrap.testMode}
              processor={bootstrap.processor}
              cardOnFile={view.cardOnFile}
              amountDue={view.amountDue ?? null}
              loadStripe={loadStripe}
              onProcessing={(processing) =>
                setView((current) =>
                  current.step === 'payment' ? { ...current, processing } : current,
                )
              }
              onPaid={(result) => {
                go({
                  step: 'success',
                  outcome: offer.kind === 'credit_bundle' ? 'credits_added' : 'subscribed',
                });
                bridge.success(result.customer_id);
              }}
              onSessionEnd={endSession}
            />
          </Suspense>
        ) : null}
        {view.step === 'success' ? (
          <SuccessScreen
            outcome={view.outcome}
            startsAt={view.startsAt}
            offer={offer}
            merchantName={merchant.name}
            takeFocus={moved.current}
            bridge={bridge}
          />
        ) : null}
      </div>
      <SummaryFooter merchant={merchant} />
    </main>
  );
}

function CancelButton({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="link cancel" onClick={onCancel}>
      {t.actions.cancel}
    </button>
  );
}

function PaymentLoading() {
  const { t } = useI18n();
  return <p role="status">{t.payment.loadingCardForm}</p>;
}
