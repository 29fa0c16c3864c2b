import { useId, useState } from 'react';
import type { AccountOverview, AccountPayment } from '../../shared/accountContract.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import { cardLabel } from '../payments/cardLabel.ts';
import type { AccountApi } from './createAccountApi.ts';
import { Screen } from './Screen.tsx';
import { UsageChart } from './UsageChart.tsx';
import { type AccountEnding, useAccountAction } from './useAccountAction.ts';
import { useAccountMessages } from './useAccountMessages.ts';

/** Where the overview's buttons lead. */
export type AccountRoute =
  | { screen: 'buy'; bundleId: string }
  | { screen: 'plans' }
  | { screen: 'cancel' }
  | { screen: 'card' }
  | { screen: 'receipt'; paymentId: string };

export interface AccountHomeProps {
  api: AccountApi;
  overview: AccountOverview;
  onGo: (route: AccountRoute) => void;
  onChanged: (overview: AccountOverview, notice: string) => void;
  onEnded: (ending: AccountEnding) => void;
}

/**
 * The account at a glance: plan and renewal (with a pending change and its undo), credits, the
 * cycle's usage per day, bundles to buy, auto top-up, the card, and the payments made.
 */
export function AccountHome({ api, overview, onGo, onChanged, onEnded }: AccountHomeProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const { summary, bundles, card, payments } = overview;
  const { busy, message, run } = useAccountAction(onEnded);
  const bundleSelectId = useId();
  const [chosen, setChosen] = useState(
    overview.auto_top_up_bundle_id ??
      overview.default_auto_top_up_bundle_id ??
      bundles[0]?.id ??
      null,
  );
  const topUpOn = overview.auto_top_up_bundle_id !== null;
  const topUpName = bundles.find((bundle) => bundle.id === overview.auto_top_up_bundle_id)?.name;
  const pending = summary.pending_change;
  const act = (change: () => Promise<AccountOverview>, notice: (next: AccountOverview) => string) =>
    void run(async () => {
      const next = await change();
      onChanged(next, notice(next));
    });

  return (
    <Screen title={t.title}>
      <section aria-labelledby="plan-title" className="panel">
        <h3 id="plan-title">{t.plan.title}</h3>
        {summary.plan ? (
          <>
            <p className="plan-name">
              <strong>{summary.plan.name}</strong>{' '}
              {t.plan.price[summary.plan.billing_interval](i18n.money(summary.plan.period_amount))}
            </p>
            {pending?.type === 'cancellation' ? (
              <p className="pending">{t.plan.endsOn(i18n.date(pending.effective_at ?? ''))}</p>
            ) : pending?.type === 'downgrade' ? (
              <p className="pending">
                {t.plan.changesOn(pending.name ?? '', i18n.date(pending.effective_at ?? ''))}
              </p>
            ) : summary.cycle_end_at ? (
              <p>{t.plan.renews(i18n.date(summary.cycle_end_at))}</p>
            ) : null}
            <div className="actions">
              {pending ? (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() =>
                    act(
                      () => api.undoPendingChange(),
                      () => t.cancel.undone,
                    )
                  }
                >
                  {pending.type === 'cancellation' ? t.plan.undoCancellation : t.plan.undo}
                </button>
              ) : (
                (
                  [
                    ['plans', t.plan.change],
                    ['cancel', t.plan.cancel],
                  ] as const
                ).map(([screen, label]) => (
                  <button
                    key={screen}
                    type="button"
                    className="secondary"
                    onClick={() => onGo({ screen })}
                  >
                    {label}
                  </button>
                ))
              )}
            </div>
          </>
        ) : (
          <p>{t.plan.none}</p>
        )}
      </section>

      <section aria-labelledby="credits-title" className="panel">
        <h3 id="credits-title">{t.credits.title}</h3>
        <p className="credits-total">{i18n.money(summary.credits.total)}</p>
        <dl className="credits">
          <dt>{t.credits.cycle}</dt>
          <dd>{i18n.money(summary.credits.cycle)}</dd>
          <dt>{t.credits.bundle}</dt>
          <dd>{i18n.money(summary.credits.bundle)}</dd>
        </dl>
      </section>

      {summary.plan ? (
        <section aria-labelledby="usage-title" className="panel">
          <h3 id="usage-title">{t.usage.title}</h3>
          <UsageChart days={overview.usage} />
        </section>
      ) : null}

      {summary.plan ? (
        <section aria-labelledby="bundles-title" className="panel">
          <h3 id="bundles-title">{t.bundles.title}</h3>
          {bundles.length === 0 ? <p>{t.bundles.none}</p> : null}
          <ul className="options">
            {bundles.map((bundle) => (
              <li key={bundle.id} className="option">
                <div>
                  <strong>{bundle.name}</strong>
                  <p className="hint">{t.bundles.adds(i18n.money(bundle.credits))}</p>
                </div>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => onGo({ screen: 'buy', bundleId: bundle.id })}
                >
                  {t.bundles.buy(bundle.name)} · {i18n.money(bundle.cost)}
                </button>
              </li>
            ))}
          </ul>
          {bundles.length > 0 ? (
            <fieldset className="plain top-up" disabled={busy}>
              <legend>{t.autoTopUp.title}</legend>
              <p className="hint">{t.autoTopUp.explain}</p>
              <label className="switch">
                <input
                  type="checkbox"
                  checked={topUpOn}
                  onChange={(event) => {
                    const on = event.target.checked;
                    act(
                      () => api.setAutoTopUp(on ? chosen : null),
                      (next) =>
                        next.auto_top_up_bundle_id
                          ? t.autoTopUp.on(
                              bundles.find((b) => b.id === next.auto_top_up_bundle_id)?.name ?? '',
                            )
                          : t.autoTopUp.off,
                    );
                  }}
                />
                {t.autoTopUp.toggle}
              </label>
              <div className="field">
                <label htmlFor={bundleSelectId}>{t.autoTopUp.bundle}</label>
                <div className="control">
                  <select
                    id={bundleSelectId}
                    value={chosen ?? ''}
                    onChange={(event) => {
                      const id = event.target.value;
                      setChosen(id);
                      if (topUpOn) {
                        act(
                          () => api.setAutoTopUp(id),
                          () => t.autoTopUp.on(bundles.find((b) => b.id === id)?.name ?? ''),
                        );
                      }
                    }}
                  >
                    {bundles.map((bundle) => (
                      <option key={bundle.id} value={bundle.id}>
                        {bundle.name} · {i18n.money(bundle.cost)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <p className="hint">{topUpOn ? t.autoTopUp.on(topUpName ?? '') : t.autoTopUp.off}</p>
            </fieldset>
          ) : null}
        </section>
      ) : null}

      <ErrorMessage message={message} />

      <section aria-labelledby="card-title" className="panel">
        <h3 id="card-title">{t.card.title}</h3>
        <p>{card ? cardLabel(i18n, card) : t.card.none}</p>
        {summary.plan ? (
          <button type="button" className="secondary" onClick={() => onGo({ screen: 'card' })}>
            {t.card.replace}
          </button>
        ) : null}
      </section>

      <section aria-labelledby="payments-title" className="panel">
        <h3 id="payments-title">{t.payments.title}</h3>
        {payments.length === 0 ? <p>{t.payments.none}</p> : null}
        <ul className="payments">
          {payments.map((payment) => (
            <PaymentRow key={payment.id} payment={payment} onGo={onGo} />
          ))}
        </ul>
      </section>
    </Screen>
  );
}

function PaymentRow({
  payment,
  onGo,
}: {
  payment: AccountPayment;
  onGo: (route: AccountRoute) => void;
}) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const date = i18n.date(payment.created_at);
  return (
    <li>
      <span>
        {date} · {payment.description}
      </span>
      <span className="amount">{i18n.money(payment.amount)}</span>
      <button
        type="button"
        className="link"
        aria-label={t.payments.view(payment.description, date)}
        onClick={() => onGo({ screen: 'receipt', paymentId: payment.id })}
      >
        {t.payments.receipt}
      </button>
    </li>
  );
}
