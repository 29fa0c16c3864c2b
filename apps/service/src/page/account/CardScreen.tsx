import { type FormEvent, useRef, useState } from 'react';
import type { AccountOverview } from '../../shared/accountContract.ts';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import { CheckoutApiError } from '../createCheckoutApi.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import type { CardFieldErrors, CardFieldsHandle } from '../payments/CardTokenizer.ts';
import type { LoadStripeJs } from '../payments/StripeJs.ts';
import type { AccountApi } from './createAccountApi.ts';
import { describeAccountError } from './describeAccountError.ts';
import { NewCardFields } from './NewCardFields.tsx';
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
  loadStripe,
  onBack,
  onSaved,
  onEnded,
}: CardScreenProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  const fields = useRef<CardFieldsHandle>(null);
  const [fieldErrors, setFieldErrors] = useState<CardFieldErrors>({});
  const { busy, error, run } = useAccountAction(onEnded);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setFieldErrors({});
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
      onSaved(await api.replaceCard(made.paymentMethod));
    });
  };
  return (
    <Screen title={t.card.replace} onBack={onBack}>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        {testMode ? <p className="hint">{i18n.t.payment.testCards}</p> : null}
        <fieldset className="plain" disabled={busy}>
          <NewCardFields
            fieldsRef={fields}
            processor={processor}
            errors={fieldErrors}
            disabled={busy}
            onEdit={(field) => setFieldErrors((current) => ({ ...current, [field]: undefined }))}
            loadStripe={loadStripe}
          />
        </fieldset>
        <ErrorMessage message={error ? describeAccountError(i18n, t, error) : null} />
        <button type="submit" disabled={busy}>
          {t.card.save}
        </button>
      </form>
    </Screen>
  );
}
