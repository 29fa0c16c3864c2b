import { type FormEvent, useState } from 'react';
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
import { Processing } from './Processing.tsx';
import { CardFieldset } from './payments/CardFieldset.tsx';
import type { CardFieldsInput } from './payments/CardTokenizer.ts';
import { loadStripeJs } from './payments/loadStripeJs.ts';
import type { LoadStripeJs } from './payments/StripeJs.ts';
import { useCardFields } from './payments/useCardFields.ts';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

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
  const card = useCardFields(processor, loadStripe, cardOnFile);
  const [processing, setProcessing] = useState(false);
  const { busy, error, run } = useSubmit(onSessionEnd);
  const bundle = offer.kind === 'credit_bundle';
  const pay = (request: BuyBundleRequest) =>
    bundle
      ? api.buy(request)
      : api.subscribe(request as Exclude<BuyBundleRequest, { card_on_file: true }>);

  const charge = async (request: BuyBundleRequest): Promise<Succeeded> =>
    card.settle(await pay(request), ({ charge }) => pay({ charge }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      card.setErrors({});
      let request: BuyBundleRequest;
      if (card.onFile) {
        request = { card_on_file: true };
      } else {
        const paymentMethod = await card.tokenize();
        if (paymentMethod === null) return;
        request = { payment_method: paymentMethod };
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
        if (field && !card.onFile) {
          card.setErrors({ [field]: describeError(i18n, caught as CheckoutApiError) });
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
  return (
    <form onSubmit={submit} aria-busy={busy} noValidate>
      <h2>{t.payment.title}</h2>
      <CardFieldset card={card} testMode={testMode} disabled={processing} />
      <ErrorMessage message={error ? describeError(i18n, error) : null} />
      {processing ? <Processing /> : null}
      <button type="submit" disabled={busy}>
        {label}
      </button>
    </form>
  );
}
