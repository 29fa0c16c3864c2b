import type { AccountOverview, AccountPlan } from '../../shared/accountContract.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import type { AccountApi } from './createAccountApi.ts';
import { Screen } from './Screen.tsx';
import { type AccountEnding, useAccountAction } from './useAccountAction.ts';
import { useAccountMessages } from './useAccountMessages.ts';

export interface PlansScreenProps {
  api: AccountApi;
  plans: readonly AccountPlan[];
  /** When the current cycle ends: a downgrade starts then. */
  cycleEndAt: string | null;
  onBack: () => void;
  onChanged: (overview: AccountOverview, plan: AccountPlan) => void;
  onEnded: (ending: AccountEnding) => void;
}

/** The merchant's other plans: an upgrade starts at once, a downgrade when the cycle ends. */
export function PlansScreen({
  api,
  plans,
  cycleEndAt,
  onBack,
  onChanged,
  onEnded,
}: PlansScreenProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const { busy, message, run } = useAccountAction(onEnded);
  return (
    <Screen title={t.plans.title} onBack={onBack}>
      {plans.length === 0 ? <p>{t.plans.none}</p> : null}
      <ul className="options" aria-busy={busy}>
        {plans.map((plan) => (
          <li key={plan.id} className="option">
            <div>
              <h3>{plan.name}</h3>
              <p>{t.plan.price[plan.billing_interval](i18n.money(plan.period_amount))}</p>
              <p className="hint">
                {plan.change === 'upgrade'
                  ? t.plans.upgrade
                  : t.plans.downgrade(cycleEndAt ? i18n.date(cycleEndAt) : '')}
              </p>
            </div>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void run(async () => onChanged(await api.changePlan(plan.id), plan))}
            >
              {t.plans.choose(plan.name)}
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage message={message} />
    </Screen>
  );
}
