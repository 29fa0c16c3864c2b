import type { CheckoutStep } from '@lava-checkout/protocol';
import { useCallback, useEffect, useState } from 'react';
import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import { CodeStep } from './CodeStep.tsx';
import type { CheckoutApi } from './createCheckoutApi.ts';
import type { FrameBridge } from './createFrameBridge.ts';
import { formatPrice } from './formatPrice.ts';
import { PaymentStep } from './PaymentStep.tsx';
import { PhoneStep } from './PhoneStep.tsx';
import type { LoadStripeJs } from './payments/StripeJs.ts';
import { type EndedStatus, SessionEnded } from './SessionEnded.tsx';
import { useBridgeMode } from './useBridgeMode.ts';
import type { SessionEndingCode } from './useSubmit.ts';

export interface CheckoutPageProps {
  bootstrap: PageBootstrap;
  bridge: FrameBridge;
  api: CheckoutApi;
  /** Stories and tests hand in a stand-in for Stripe.js. @default Stripe.js from js.stripe.com */
  loadStripe?: LoadStripeJs;
}

type View =
  | { step: 'phone' }
  | { step: 'code'; phone: string }
  | { step: 'payment'; processing: boolean }
  | { step: 'success'; alreadySubscribed: boolean }
  | { step: 'ended'; status: EndedStatus };

const initialView = (bootstrap: PageBootstrap): View => {
  if (bootstrap.status !== 'active') return { step: 'ended', status: bootstrap.status };
  if (bootstrap.step === 'code' && bootstrap.phone) return { step: 'code', phone: bootstrap.phone };
  if (bootstrap.step === 'payment') return { step: 'payment', processing: false };
  return { step: 'phone' };
};

const reportedStep = (view: View): CheckoutStep | null => {
  if (view.step === 'payment') return view.processing ? 'processing' : 'payment';
  return view.step === 'phone' || view.step === 'code' ? view.step : null;
};

/** The hosted checkout: phone, code, card and subscribe, or the screen for an unusable session. */
export function CheckoutPage({ bootstrap, bridge, api, loadStripe }: CheckoutPageProps) {
  const [view, setView] = useState<View>(() => initialView(bootstrap));
  const mode = useBridgeMode(bridge);
  const step = reportedStep(view);

  useEffect(() => {
    if (step) bridge.step(step);
  }, [bridge, step]);

  const endSession = useCallback(
    (code: SessionEndingCode) =>
      setView({ step: 'ended', status: code.replace('session_', '') as EndedStatus }),
    [],
  );

  if (view.step === 'ended' || bootstrap.status !== 'active') {
    return (
      <main className="checkout">
        <SessionEnded status={view.step === 'ended' ? view.status : 'invalid'} bridge={bridge} />
      </main>
    );
  }

  const { offer, merchant } = bootstrap;
  return (
    <main className="checkout">
      <header className="summary">
        <p className="merchant">
          {merchant.name}
          {bootstrap.testMode ? <span className="badge">Test mode</span> : null}
        </p>
        <h1>{offer.planName}</h1>
        <p>
          {formatPrice(offer.price, offer.billingInterval)}, with{' '}
          {formatPrice(offer.includedCredit)} of usage credit included each {offer.billingInterval}.
        </p>
        {mode === 'legacy' && view.step !== 'success' ? (
          <button type="button" className="link cancel" onClick={() => bridge.cancel()}>
            Cancel
          </button>
        ) : null}
      </header>
      {view.step === 'phone' ? (
        <PhoneStep
          api={api}
          returning={bootstrap.returning}
          onCodeSent={(phone) => setView({ step: 'code', phone })}
          onSessionEnd={endSession}
        />
      ) : null}
      {view.step === 'code' ? (
        <CodeStep
          api={api}
          phone={view.phone}
          returning={bootstrap.returning !== null}
          onVerified={(result) => {
            if (result.already_subscribed) {
              setView({ step: 'success', alreadySubscribed: true });
              bridge.success(result.already_subscribed.customer_id);
            } else {
              setView({ step: 'payment', processing: false });
            }
          }}
          onChangePhone={() => setView({ step: 'phone' })}
          onSessionEnd={endSession}
        />
      ) : null}
      {view.step === 'payment' ? (
        <PaymentStep
          api={api}
          offer={offer}
          testMode={bootstrap.testMode}
          processor={bootstrap.processor}
          loadStripe={loadStripe}
          onProcessing={(processing) => setView({ step: 'payment', processing })}
          onSubscribed={(customerId) => {
            setView({ step: 'success', alreadySubscribed: false });
            bridge.success(customerId);
          }}
          onSessionEnd={endSession}
        />
      ) : null}
      {view.step === 'success' ? (
        <section aria-labelledby="success-title" className="success">
          <h2 id="success-title">
            {view.alreadySubscribed ? "You're already subscribed" : 'You are subscribed'}
          </h2>
          <p>
            {view.alreadySubscribed
              ? `You already have ${offer.planName}; you were not charged again.`
              : `Welcome to ${offer.planName}. You can close this window.`}
          </p>
        </section>
      ) : null}
    </main>
  );
}
