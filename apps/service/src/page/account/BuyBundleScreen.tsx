import type { FormEvent } from 'react';
import type { AccountBundle, AccountOverview } from '../../shared/accountContract.ts';
import type { CardOnFile } from '../../shared/checkoutContract.ts';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import { Processing } from '../Processing.tsx';
import { CardFieldset } from '../payments/CardFieldset.tsx';
import { loadStripeJs } from '../payments/loadStripeJs.ts';
import type { LoadStripeJs } from '../payments/StripeJs.ts';
import { useCardFields } from '../payments/useCardFields.ts';
import type { AccountApi } from './createAccountApi.ts';
import { Screen } from './Screen.tsx';
import { type AccountEnding, useAccountAction } from './useAccountAction.ts';
import { useAccountMessages } from './useAccountMessages.ts';

export interface BuyBundleScreenProps {
  api: AccountApi;
  bundle: AccountBundle;
  card: CardOnFile | null;
  testMode: boolean;
  processor: ProcessorPageConfig;
  loadStripe?: LoadStripeJs | undefined;
  onBack: () => void;
  onBought: (overview: AccountOverview) => void;
  onEnded: (ending: AccountEnding) => void;
}

/** Buying a credit bundle: with the card on file (first choice) or a new card. */
export function BuyBundleScreen({
  api,
  bundle,
  card,
  testMode,
  processor,
  loadStripe = loadStripeJs,
  onBack,
  onBought,
  onEnded,
}: BuyBundleScreenProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const newCard = useCardFields(processor, loadStripe, card);
  const { busy, message, run } = useAccountAction(onEnded);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      newCard.setErrors({});
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
    });
  };

  return (
    <Screen title={t.bundles.buy(bundle.name)} onBack={onBack}>
      <p>{t.bundles.adds(i18n.money(bundle.credits))}</p>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <CardFieldset card={newCard} testMode={testMode} disabled={busy} />
        <ErrorMessage message={message} />
        {busy ? <Processing /> : null}
        <button type="submit" disabled={busy}>
          {t.bundles.pay(i18n.money(bundle.cost))}
        </button>
      </form>
    </Screen>
  );
}
