import type { AccountOverview } from '../../shared/accountContract.ts';
import { CardForm, type CardFormProps } from './CardForm.tsx';
import type { AccountApi } from './createAccountApi.ts';
import { Screen } from './Screen.tsx';
import { useAccountMessages } from './useAccountMessages.ts';

export interface CardScreenProps
  extends Pick<CardFormProps, 'testMode' | 'processor' | 'loadStripe' | 'onEnded'> {
  api: AccountApi;
  onBack: () => void;
  onSaved: (overview: AccountOverview) => void;
}

/** Replacing the card renewals, top-ups and bundles are charged to. Charges nothing. */
export function CardScreen({ api, onBack, onSaved, ...form }: CardScreenProps) {
  const t = useAccountMessages();
  return (
    <Screen title={t.card.replace} onBack={onBack}>
      <CardForm
        {...form}
        submitLabel={t.card.save}
        onSubmit={async (card) => {
          const paymentMethod = await card.tokenize();
          if (paymentMethod !== null) onSaved(await api.replaceCard(paymentMethod));
        }}
      />
    </Screen>
  );
}
