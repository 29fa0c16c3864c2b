import { type FormEvent, useRef, useState } from 'react';
import type { AccountBundle, AccountOverview } from '../../shared/accountContract.ts';
import type { CardOnFile } from '../../shared/checkoutContract.ts';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import { CheckoutApiError } from '../createCheckoutApi.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import type { CardFieldErrors, CardFieldsHandle } from '../payments/CardTokenizer.ts';
import { loadStripeJs } from '../payments/loadStripeJs.ts';
import type { LoadStripeJs } from '../payments/StripeJs.ts';
import { cardLabel } from './cardLabel.ts';
import type { AccountApi } from './createAccountApi.ts';
import { describeAccountError } from './describeAccountError.ts';
import { NewCardFields } from './NewCardFields.tsx';
import { Screen } from './Screen.tsx';
import { type AccountEnding, useAccountAction } from './useAccountAction.ts';
import { useAccountMessages } from './useAccountMessages.ts';

/** Authentications (3-D Secure) run for one purchase before giving up. */
const MAX_AUTHENTICATIONS = 2;

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
  const fields = useRef<CardFieldsHandle>(null);
  const [onFile, setOnFile] = useState(card !== null);
  const [fieldErrors, setFieldErrors] = useState<CardFieldErrors>({});
  const { busy, error, run } = useAccountAction(onEnded);

  const authenticate = async (clientSecret: string) => {
    if (fields.current) return fields.current.authenticate(clientSecret);
    if (processor.kind !== 'stripe') return 'unsupported';
    const stripe = await loadStripe(processor.publishableKey);
    await stripe.handleNextAction(clientSecret).catch(() => {});
    return 'done';
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setFieldErrors({});
      let paymentMethod: string | null = null;
      if (!(onFile && card)) {
        const made = await fields.current?.tokenize();
        if (!made) throw new CheckoutApiError(0, 'card_form_loading', 'The card form is loading.');
        if (!made.ok) {
          const fallback = {
            number: i18n.t.card.numberInvalid,
            expiry: i18n.t.card.expiryInvalid,
            cvc: i18n.t.card.cvcInvalid,
          };
          setFieldErrors({ [made.field]: made.message ?? fallback[made.field] });
          return;
        }
        paymentMethod = made.paymentMethod;
      }
      let result = await api.buy(
        bundle.id,
        paymentMethod === null ? { card_on_file: true } : { payment_method: paymentMethod },
      );
      for (let round = 1; result.status === 'requires_action'; round += 1) {
        if (round > MAX_AUTHENTICATIONS) {
          throw new CheckoutApiError(402, 'authentication_failed', 'Authentication kept failing.');
        }
        if ((await authenticate(result.client_secret)) !== 'done') {
          throw new CheckoutApiError(402, 'authentication_unsupported', 'No 3-D Secure here.');
        }
        result = await api.buy(bundle.id, { charge: result.charge, purchase: result.purchase });
      }
      onBought(result.overview);
    });
  };

  return (
    <Screen title={t.bundles.buy(bundle.name)} onBack={onBack}>
      <p>{t.bundles.adds(i18n.money(bundle.credits))}</p>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        {testMode ? <p className="hint">{i18n.t.payment.testCards}</p> : null}
        <fieldset className="plain" disabled={busy}>
          {card ? (
            <fieldset className="choices">
              <legend>{i18n.t.payment.payWith}</legend>
              <label className="choice">
                <input type="radio" name="card" checked={onFile} onChange={() => setOnFile(true)} />
                {cardLabel(i18n, card)}
              </label>
              <label className="choice">
                <input
                  type="radio"
                  name="card"
                  checked={!onFile}
                  onChange={() => setOnFile(false)}
                />
                {i18n.t.payment.newCard}
              </label>
            </fieldset>
          ) : null}
          {onFile && card ? null : (
            <NewCardFields
              fieldsRef={fields}
              processor={processor}
              errors={fieldErrors}
              disabled={busy}
              onEdit={(field) => setFieldErrors((current) => ({ ...current, [field]: undefined }))}
              loadStripe={loadStripe}
            />
          )}
        </fieldset>
        <ErrorMessage message={error ? describeAccountError(i18n, t, error) : null} />
        {busy ? (
          <p role="status" className="processing">
            <span className="spinner" aria-hidden="true" />
            {i18n.t.payment.processing}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {t.bundles.pay(i18n.money(bundle.cost))}
        </button>
      </form>
    </Screen>
  );
}
