import { useCallback, useEffect, useState } from 'react';
import type { AccountBootstrap, AccountOverview } from '../../shared/accountContract.ts';
import type { FrameBridge } from '../createFrameBridge.ts';
import { I18nContext, useI18n } from '../i18n/I18nContext.ts';
import { usePageI18n } from '../i18n/usePageI18n.ts';
import type { LoadStripeJs } from '../payments/StripeJs.ts';
import { SummaryFooter } from '../SummaryFooter.tsx';
import { AccountHome, type AccountRoute } from './AccountHome.tsx';
import { ACCOUNT_MESSAGES } from './accountMessages.ts';
import { BuyBundleScreen } from './BuyBundleScreen.tsx';
import { CancelScreen } from './CancelScreen.tsx';
import { CardScreen } from './CardScreen.tsx';
import type { AccountApi } from './createAccountApi.ts';
import { PlansScreen } from './PlansScreen.tsx';
import { ReceiptScreen } from './ReceiptScreen.tsx';
import type { AccountEnding } from './useAccountAction.ts';

export interface AccountPageProps {
  bootstrap: AccountBootstrap;
  bridge: FrameBridge;
  api: AccountApi;
  /** Stories and tests hand in a stand-in for Stripe.js. @default Stripe.js from js.stripe.com */
  loadStripe?: LoadStripeJs;
  /** The customer's languages, when the SDK names none. @default navigator.languages */
  languages?: readonly string[];
  /** Stories open a screen other than the overview. @default the overview */
  initialRoute?: AccountRoute | null;
}

/**
 * The hosted account page, in the customer's language (the SDK's `locale` option, else the
 * browser's): the overview, and a screen per change (buy a bundle, change plan, cancel, replace
 * the card) or receipt; or the screen of a session that cannot be used.
 */
export function AccountPage({
  bootstrap,
  bridge,
  api,
  loadStripe,
  languages,
  initialRoute = null,
}: AccountPageProps) {
  const { i18n } = usePageI18n(bridge, languages);
  const [ended, setEnded] = useState<AccountEnding | null>(
    bootstrap.status === 'active' ? null : bootstrap.status,
  );
  useEffect(() => {
    if (ended) bridge.error(ended === 'expired' ? 'session_expired' : 'session_invalid');
  }, [bridge, ended]);
  const t = ACCOUNT_MESSAGES[i18n.lang];
  return (
    <I18nContext.Provider value={i18n}>
      <main className="checkout account">
        <header className="account-header">
          {bootstrap.status === 'active' ? (
            <p className="merchant">
              {bootstrap.merchant.logoUrl ? (
                <img className="logo" src={bootstrap.merchant.logoUrl} alt="" />
              ) : null}
              <span>{bootstrap.merchant.name}</span>
              {bootstrap.testMode ? <span className="badge">{t.testMode}</span> : null}
            </p>
          ) : (
            <span />
          )}
          <button type="button" className="link close" onClick={() => bridge.requestClose()}>
            {t.close}
          </button>
        </header>
        {bootstrap.status === 'active' && !ended ? (
          <Account
            bootstrap={bootstrap}
            api={api}
            loadStripe={loadStripe}
            initialRoute={initialRoute}
            onEnded={setEnded}
          />
        ) : (
          <section className="ended" aria-labelledby="ended-title">
            <h1 id="ended-title">{ended === 'expired' ? t.ended.expired : t.ended.invalid}</h1>
            <p>{t.ended.again}</p>
          </section>
        )}
        {bootstrap.status === 'active' ? <SummaryFooter merchant={bootstrap.merchant} /> : null}
      </main>
    </I18nContext.Provider>
  );
}

interface AccountProps {
  bootstrap: Extract<AccountBootstrap, { status: 'active' }>;
  api: AccountApi;
  loadStripe: LoadStripeJs | undefined;
  initialRoute: AccountRoute | null;
  onEnded: (ending: AccountEnding) => void;
}

function Account({ bootstrap, api, loadStripe, initialRoute, onEnded }: AccountProps) {
  const i18n = useI18n();
  const t = ACCOUNT_MESSAGES[i18n.lang];
  const [overview, setOverview] = useState<AccountOverview>(bootstrap.overview);
  const [route, setRoute] = useState<AccountRoute | null>(initialRoute);
  const [notice, setNotice] = useState('');
  const home = useCallback(() => setRoute(null), []);
  // Usage and renewals move the account while the page is open: read it again now and then, and
  // when the customer comes back to it, on the overview only (a screen keeps what it shows).
  const onOverview = route === null;
  useEffect(() => {
    if (!onOverview) return;
    const refresh = () => {
      if (document.visibilityState === 'visible') api.overview().then(setOverview, () => {});
    };
    const timer = setInterval(refresh, 30_000);
    document.addEventListener('visibilitychange', refresh);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', refresh);
    };
  }, [api, onOverview]);
  // The session's hour: once it is over the page says so at once, not at the next press.
  useEffect(() => {
    const timer = setTimeout(() => onEnded('expired'), bootstrap.expiresInMs);
    return () => clearTimeout(timer);
  }, [bootstrap.expiresInMs, onEnded]);
  const changed = useCallback((next: AccountOverview, message: string) => {
    setOverview(next);
    setNotice(message);
    setRoute(null);
  }, []);
  // What the card screens take from the page: how it takes a card, and where a session that ended goes.
  const cardForm = {
    testMode: bootstrap.testMode,
    processor: bootstrap.processor,
    loadStripe,
    onEnded,
  };
  const screen = (() => {
    switch (route?.screen) {
      case undefined:
        return (
          <AccountHome
            api={api}
            overview={overview}
            onGo={(next) => {
              setNotice('');
              setRoute(next);
            }}
            onChanged={changed}
            onEnded={onEnded}
          />
        );
      case 'buy': {
        const bundle = overview.bundles.find((candidate) => candidate.id === route.bundleId);
        if (!bundle) return null;
        return (
          <BuyBundleScreen
            api={api}
            bundle={bundle}
            card={overview.card}
            {...cardForm}
            onBack={home}
            onBought={(next) => changed(next, t.bundles.bought(i18n.money(bundle.credits)))}
          />
        );
      }
      case 'plans':
        return (
          <PlansScreen
            api={api}
            plans={overview.plans}
            cycleEndAt={overview.summary.cycle_end_at}
            onBack={home}
            onChanged={(next, plan) =>
              changed(
                next,
                plan.change === 'upgrade'
                  ? t.plans.changed(plan.name)
                  : t.plans.scheduled(plan.name, i18n.date(next.summary.cycle_end_at ?? '')),
              )
            }
            onEnded={onEnded}
          />
        );
      case 'cancel':
        return (
          <CancelScreen
            api={api}
            cycleEndAt={overview.summary.cycle_end_at ?? ''}
            onBack={home}
            onCancelled={(next) =>
              changed(next, t.cancel.done(i18n.date(next.summary.cycle_end_at ?? '')))
            }
            onEnded={onEnded}
          />
        );
      case 'card':
        return (
          <CardScreen
            api={api}
            {...cardForm}
            onBack={home}
            onSaved={(next) => changed(next, t.card.saved)}
          />
        );
      case 'receipt': {
        const payment = overview.payments.find((candidate) => candidate.id === route.paymentId);
        if (!payment) return null;
        return (
          <ReceiptScreen payment={payment} merchantName={bootstrap.merchant.name} onBack={home} />
        );
      }
      default:
        return route satisfies never;
    }
  })();
  return (
    <>
      <p role="status" className="notice">
        {notice}
      </p>
      {screen}
    </>
  );
}
