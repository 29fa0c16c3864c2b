import { lazy, type Ref, Suspense } from 'react';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import { useI18n } from '../i18n/I18nContext.ts';
import type { CardFieldErrors, CardFieldsHandle, CardFieldsInput } from './CardTokenizer.ts';
import type { LoadStripeJs } from './StripeJs.ts';
import { TestCardFields } from './TestCardFields.tsx';

// Stripe's fields and Stripe.js load only when a Stripe page asks for a card.
const StripeCardFields = lazy(() =>
  import('./StripeCardFields.tsx').then((module) => ({
    default: module.StripeCardFields,
  })),
);

export interface NewCardFieldsProps {
  /** The form's `useCardFields`: the fields' handle, their errors, and what clears one. */
  card: {
    fields: Ref<CardFieldsHandle>;
    errors: CardFieldErrors;
    clearError: (field: keyof CardFieldsInput) => void;
  };
  processor: ProcessorPageConfig;
  disabled: boolean;
  loadStripe?: LoadStripeJs | undefined;
}

/** The checkout's card fields, the processor's own: the card number never reaches the service. */
export function NewCardFields({ card, processor, disabled, loadStripe }: NewCardFieldsProps) {
  const { t } = useI18n();
  const { fields: fieldsRef, errors, clearError: onEdit } = card;
  return processor.kind === 'stripe' ? (
    <Suspense fallback={<p role="status">{t.payment.loadingCardForm}</p>}>
      <StripeCardFields
        ref={fieldsRef}
        publishableKey={processor.publishableKey}
        errors={errors}
        loadStripe={loadStripe}
      />
    </Suspense>
  ) : (
    <TestCardFields ref={fieldsRef} errors={errors} disabled={disabled} onEdit={onEdit} />
  );
}
