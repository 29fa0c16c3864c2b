import type { AccountBundle, AccountOverview } from '../../shared/accountContract.ts';
import type { CardOnFile } from '../../shared/checkoutContract.ts';
import { useI18n } from '../i18n/I18nContext.ts';
import { CardForm, type CardFormProps } from './CardForm.tsx';
import type { AccountApi } from './createAccountApi.ts';
import { Screen } from './Screen.tsx';
import { useAccountMessages } from './useAccountMessages.ts';

export interface BuyBundleScreenProps
  extends Pick<CardFormProps, 'testMode' | 'processor' | 'loadStripe' | 'onEnded'> {
  api: AccountApi;
  bundle: AccountBundle;
  card: CardOnFile | null;
  onBack: () => void;
  onBought: (overview: AccountOverview) => void;
}

/** Buying a credit bundle: with the card on file (first choice) or a new card. */
export function BuyBundleScreen({
  api,
  bundle,
  card,
  onBack,
  onBought,
  ...form
}: BuyBundleScreenProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  return (
    <Screen title={t.bundles.buy(bundle.name)} onBack={onBack}>
      <p>{t.bundles.adds(i18n.money(bundle.credits))}</p>
      <CardForm
        {...form}
        cardOnFile={card}
        submitLabel={t.bundles.pay(i18n.money(bundle.cost))}
        pays
        onSubmit={async (newCard) => {
          let paymentMethod: string | null = null;
          if (!newCard.onFile) {
            paymentMethod = await newCard.tokenize();
            if (paymentMethod === null) return;
          }
          const first = await api.buy(
            bundle.id,
            paymentMethod === null ? { card_on_file: true } : { payment_method: paymentMethod },
          );
          const result = await newCard.settle(first, ({ charge, purchase }) =>
            api.buy(bundle.id, { charge, purchase }),
          );
          onBought(result.overview);
        }}
      />
    </Screen>
  );
}
