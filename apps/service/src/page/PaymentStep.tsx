import { type FormEvent, lazy, Suspense, useRef, useState } from 'react';
import type {
  BuyBundleRequest,
  CardOnFile,
  SubscribeResponse,
} from '../shared/checkoutContract.ts';
import type {
  CreditBundleOffer,
  ProcessorPageConfig,
  SubscriptionOffer,
} from '../shared/PageBootstrap.ts';
import { type CheckoutApi, CheckoutApiError } from './createCheckoutApi.ts';
import { describeError } from './describeError.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { useI18n } from './i18n/I18nContext.ts';
import { brandName } from './payments/brandName.ts';
import type {
  CardFieldErrors,
  CardFieldsHandle,
  CardFieldsInput,
} from './payments/CardTokenizer.ts';
import { loadStripeJs } from './payments/loadStripeJs.ts';
import type { LoadStripeJs } from './payments/StripeJs.ts';
import { TestCardFields } from './payments/TestCardFields.tsx';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

// Stripe's fields and Stripe.js load only when a Stripe checkout reaches this step.
const StripeCardFields = lazy(() =>
  import('./payments/StripeCardFields.tsx').then((module) => ({
    default: module.StripeCardFields,
  })),
);

/** Authentications (3-D Secure) the step runs for one payment before giving up. */
const MAX_AUTHENTICATIONS = 2;

/** The card field a refusal of the service names (`param`), if it names one. */
const FIELD_OF_PARAM: Readonly<Record<string, keyof CardFieldsInput>> = {
  card_number: 'number',
  card_expiry: 'expiry',
  card_cvc: 'cvc',
};

type Succeeded = Extract<SubscribeResponse, { status: 'succeeded' }>;

export interface PaymentStepProps {
  api: Pick<CheckoutApi, 'subscribe' | 'buy'>;
  offer: SubscriptionOffer | CreditBundleOffer;
  testMode: boolean;
  /** Whose page code turns the card fields into a payment method (never our service). */
  processor: ProcessorPageConfig;
  /** A credit bundle's buyer: the card their subscription is paid with, offered first. */
  cardOnFile: CardOnFile | null;
  /** An upgrade from the customer's cheaper plan: what is charged instead of the price. */
  amountDue?: string | null;
  /** Stories and tests hand in a stand-in for Stripe.js. */
  loadStripe?: LoadStripeJs | undefined;
  onProcessing: (processing: boolean) => void;
  onPaid: (result: Succeeded) => void;
  onSessionEnd: (code: SessionEndingCode) => void;
}

/**
 * Step 3: the card, then the payment: a subscription, or a credit bundle (with the card on file
 * or a new one). The processor's page code makes the payment method and runs any
 * authentication the charge asks for. While the payment is processed, the fields are disabled
 * and a spinner says so. A refusal lands under the field it is about, else under the form, and
 * keeps the customer here to try again.
 */
export default function PaymentStep({
  api,
  offer,
  testMode,
  processor,
  cardOnFile,
  amountDue = null,
  loadStripe = loadStripeJs,
  onProcessing,
  onPaid,
  onSessionEnd,
}: PaymentStepProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const fields = useRef<CardFieldsHandle>(null);
  const [useCardOnFile, setUseCardOnFile] = useState(cardOnFile !== null);
  const [fieldErrors, setFieldErrors] = useState<CardFieldErrors>({});
  const [processing, setProcessing] = useState(false);
  const { busy, error, run } = useSubmit(onSessionEnd);
  const bundle = offer.kind === 'credit_bundle';
  const pay = (request: BuyBundleRequest) =>
    bundle
      ? api.buy(request)
      : api.subscribe(request as Exclude<BuyBundleRequest, { card_on_file: true }>);

  /** Runs the authentication a charge asks for, with the card fields' processor or Stripe.js. */
  const authenticate = async (clientSecret: string) => {
    if (fields.current) return fields.current.authenticate(clientSecret);
    if (processor.kind !== 'stripe') return 'unsupported';
    const stripe = await loadStripe(processor.publishableKey);
    await stripe.handleNextAction(clientSecret).catch(() => {});
    return 'done';
  };

  const charge = async (request: BuyBundleRequest): Promise<Succeeded> => {
    let result = await pay(request);
    for (let round = 1; result.status === 'requires_action'; round += 1) {
      if (round > MAX_AUTHENTICATIONS) {
        throw new CheckoutApiError(402, 'authentication_failed', 'Authentication kept failing.');
      }
      if ((await authenticate(result.client_secret)) !== 'done') {
        throw new CheckoutApiError(402, 'authentication_unsupported', 'No 3-D Secure here.');
      }
      result = await pay({ charge: result.charge });
    }
    return result;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setFieldErrors({});
      let request: BuyBundleRequest;
      if (useCardOnFile && cardOnFile) {
        request = { card_on_file: true };
      } else {
        const card = fields.current;
        if (!card) throw new CheckoutApiError(0, 'card_form_loading', 'The card form is loading.');
        const made = await card.tokenize();
        if (!made.ok) {
          const fallback = {
            number: t.card.numberInvalid,
            expiry: t.card.expiryInvalid,
            cvc: t.card.cvcInvalid,
          };
          setFieldErrors({ [made.field]: made.message ?? fallback[made.field] });
          return;
        }
        request = { payment_method: made.paymentMethod };
      }
      setProcessing(true);
      onProcessing(true);
      try {
        // After success the page leaves this step: no going back to "not processing".
        onPaid(await charge(request));
      } catch (caught) {
        setProcessing(false);
        onProcessing(false);
        const field =
          caught instanceof CheckoutApiError && caught.param
            ? FIELD_OF_PARAM[caught.param]
            : undefined;
        if (field && !(useCardOnFile && cardOnFile)) {
          setFieldErrors({ [field]: describeError(i18n, caught as CheckoutApiError) });
          return;
        }
        throw caught;
      }
    });
  };

  const price = i18n.money(offer.price);
  const label = bundle
    ? t.payment.buy(price)
    : amountDue !== null
      ? t.payment.upgrade(i18n.money(amountDue))
      : t.payment.subscribe[(offer as SubscriptionOffer).billingInterval](price);
  const clearError = (field: keyof CardFieldsInput) =>
    setFieldErrors((current) => (current[field] ? { ...current, [field]: undefined } : current));
  const onFile = cardOnFile
    ? t.payment.cardOnFile(
        brandName(cardOnFile.brand),
        cardOnFile.last4,
        `${String(cardOnFile.exp_month).padStart(2, '0')}/${String(cardOnFile.exp_year).slice(-2)}`,
      )
    : null;

  return (
    <form onSubmit={submit} aria-busy={busy} noValidate>
      <h2>{t.payment.title}</h2>
      {testMode ? <p className="hint">{t.payment.testCards}</p> : null}
      <fieldset className="plain" disabled={processing}>
        {onFile ? (
          <fieldset className="choices">
            <legend>{t.payment.payWith}</legend>
            <label className="choice">
              <input
                type="radio"
                name="card"
                checked={useCardOnFile}
                onChange={() => setUseCardOnFile(true)}
              />
              {onFile}
            </label>
            <label className="choice">
              <input
                type="radio"
                name="card"
                checked={!useCardOnFile}
                onChange={() => setUseCardOnFile(false)}
              />
              {t.payment.newCard}
            </label>
          </fieldset>
        ) : null}
        {useCardOnFile && cardOnFile ? null : processor.kind === 'stripe' ? (
          <Suspense fallback={<p role="status">{t.payment.loadingCardForm}</p>}>
            <StripeCardFields
              ref={fields}
              publishableKey={processor.publishableKey}
              errors={fieldErrors}
              loadStripe={loadStripe}
            />
          </Suspense>
        ) : (
          <TestCardFields
            ref={fields}
            errors={fieldErrors}
            disabled={processing}
            onEdit={clearError}
          />
        )}
      </fieldset>
      <ErrorMessage message={error ? describeError(i18n, error) : null} />
      {processing ? (
        <p role="status" className="processing">
          <span className="spinner" aria-hidden="true" />
          {t.payment.processing}
        </p>
      ) : null}
      <button type="submit" disabled={busy}>
        {label}
      </button>
    </form>
  );
}
