import { useCallback, useRef, useState } from 'react';
import type { CardOnFile } from '../../shared/checkoutContract.ts';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import { CheckoutApiError } from '../createCheckoutApi.ts';
import { useI18n } from '../i18n/I18nContext.ts';
import type { CardFieldErrors, CardFieldsHandle, CardFieldsInput } from './CardTokenizer.ts';
import type { LoadStripeJs } from './StripeJs.ts';

/** Authentications (3-D Secure) run for one payment before giving up. */
const MAX_AUTHENTICATIONS = 2;

type RequiresAction = { status: 'requires_action'; client_secret: string };

/**
 * A form's new-card fields (`NewCardFields`) and the payment they make: their handle, the error
 * shown under each field, `tokenize()` (the processor's payment method, or `null` once the field
 * at fault says why) and `settle()` (runs the authentications a charge asks for, with the fields'
 * processor or, for the card on file, Stripe.js, until the charge is done). With a card on file,
 * also the customer's choice of it (`onFile`, first) or a new card; the form's `CardFieldset`
 * shows them all.
 */
export function useCardFields(
  processor: ProcessorPageConfig,
  loadStripe: LoadStripeJs,
  cardOnFile: CardOnFile | null = null,
) {
  const { t } = useI18n();
  const [onFile, setOnFile] = useState(cardOnFile !== null);
  const fields = useRef<CardFieldsHandle>(null);
  const [errors, setErrors] = useState<CardFieldErrors>({});
  const clearError = useCallback(
    (field: keyof CardFieldsInput) =>
      setErrors((current) => (current[field] ? { ...current, [field]: undefined } : current)),
    [],
  );

  const tokenize = async (): Promise<string | null> => {
    const card = fields.current;
    if (!card) throw new CheckoutApiError(0, 'card_form_loading', 'The card form is loading.');
    const made = await card.tokenize();
    if (made.ok) return made.paymentMethod;
    const fallback = {
      number: t.card.numberInvalid,
      expiry: t.card.expiryInvalid,
      cvc: t.card.cvcInvalid,
    };
    setErrors({ [made.field]: made.message ?? fallback[made.field] });
    return null;
  };

  const authenticate = async (clientSecret: string) => {
    if (fields.current) return fields.current.authenticate(clientSecret);
    if (processor.kind !== 'stripe') return 'unsupported';
    const stripe = await loadStripe(processor.publishableKey);
    await stripe.handleNextAction(clientSecret).catch(() => {});
    return 'done';
  };

  /** The charge's answer once no authentication is asked for; `retry` asks the service again. */
  const settle = async <T extends { status: string }>(
    first: T,
    retry: (required: Extract<T, RequiresAction>) => Promise<T>,
  ): Promise<Exclude<T, RequiresAction>> => {
    let result = first;
    for (let round = 1; result.status === 'requires_action'; round += 1) {
      if (round > MAX_AUTHENTICATIONS) {
        throw new CheckoutApiError(402, 'authentication_failed', 'Authentication kept failing.');
      }
      const required = result as Extract<T, RequiresAction>;
      if ((await authenticate(required.client_secret)) !== 'done') {
        throw new CheckoutApiError(402, 'authentication_unsupported', 'No 3-D Secure here.');
      }
      result = await retry(required);
    }
    return result as Exclude<T, RequiresAction>;
  };

  return {
    fields,
    errors,
    setErrors,
    clearError,
    tokenize,
    settle,
    processor,
    loadStripe,
    cardOnFile,
    /** The card on file is chosen: no new card's fields to tokenize. */
    onFile: onFile && cardOnFile !== null,
    setOnFile,
  };
}
