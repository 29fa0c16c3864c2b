import type { FormEvent } from 'react';
import type { AccountOverview } from '../../shared/accountContract.ts';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CardFieldset } from '../payments/CardFieldset.tsx';
import { loadStripeJs } from '../payments/loadStripeJs.ts';
import type { LoadStripeJs } from '../payments/StripeJs.ts';
import { useCardFields } from '../payments/useCardFields.ts';
import type { AccountApi } from './createAccountApi.ts';
import { Screen } from './Screen.tsx';
import { type AccountEnding, useAccountAction } from './useAccountAction.ts';
import { useAccountMessages } from './useAccountMessages.ts';

export interface CardScreenProps {
  api: AccountApi;
  testMode: boolean;
  processor: ProcessorPageConfig;
  loadStripe?: LoadStripeJs | undefined;
  onBack: () => void;
  onSaved: (overview: AccountOverview) => void;
  onEnded: (ending: AccountEnding) => void;
}

/** Replacing the card renewals, top-ups and bundles are charged to. Charges nothing. */
export function CardScreen({
  api,
  testMode,
  processor,
  loadStripe = loadStripeJs,
  onBack,
  onSaved,
  onEnded,
}: CardScreenProps) {
  const t = useAccountMessages();
  const card = useCardFields(processor, loadStripe);
  const { busy, message, run } = useAccountAction(onEnded);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      card.setErrors({});
      const paymentMethod = await card.tokenize();
      if (paymentMethod !== null) onSaved(await api.replaceCard(paymentMethod));
    });
  };
  return (
    <Screen title={t.card.replace} onBack={onBack}>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <CardFieldset card={card} testMode={testMode} disabled={busy} />
        <ErrorMessage message={message} />
        <button type="submit" disabled={busy}>
          {t.card.save}
        </button>
      </form>
    </Screen>
  );
}
