import type { AccountOverview } from '../../shared/accountContract.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import type { AccountApi } from './createAccountApi.ts';
import { Screen } from './Screen.tsx';
import { type AccountEnding, useAccountAction } from './useAccountAction.ts';
import { useAccountMessages } from './useAccountMessages.ts';

export interface CancelScreenProps {
  api: AccountApi;
  cycleEndAt: string;
  onBack: () => void;
  onCancelled: (overview: AccountOverview) => void;
  onEnded: (ending: AccountEnding) => void;
}

/** Cancelling at the end of the cycle, said plainly before it is done; it can be undone. */
export function CancelScreen({ api, cycleEndAt, onBack, onCancelled, onEnded }: CancelScreenProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const { busy, message, run } = useAccountAction(onEnded);
  return (
    <Screen title={t.cancel.title} onBack={onBack}>
      <p>{t.cancel.explain(i18n.date(cycleEndAt))}</p>
      <ErrorMessage message={message} />
      <div className="actions">
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => void run(async () => onCancelled(await api.cancelAtCycleEnd()))}
        >
          {t.cancel.confirm}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          {t.cancel.keep}
        </button>
      </div>
    </Screen>
  );
}
