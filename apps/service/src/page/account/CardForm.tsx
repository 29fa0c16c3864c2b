import type { FormEvent } from 'react';
import type { CardOnFile } from '../../shared/checkoutContract.ts';
import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { Processing } from '../Processing.tsx';
import { CardFieldset } from '../payments/CardFieldset.tsx';
import { loadStripeJs } from '../payments/loadStripeJs.ts';
import type { LoadStripeJs } from '../payments/StripeJs.ts';
import { useCardFields } from '../payments/useCardFields.ts';
import { type AccountEnding, useAccountAction } from './useAccountAction.ts';

export interface CardFormProps {
  testMode: boolean;
  processor: ProcessorPageConfig;
  loadStripe?: LoadStripeJs | undefined;
  /** The card on file, offered first. @default none: a new card only */
  cardOnFile?: CardOnFile | null | undefined;
  /** The submit button's words. */
  submitLabel: string;
  /** A payment: while it runs, a spinner says it is processed. @default false */
  pays?: boolean | undefined;
  /** What the form does with its card (`onFile`, else `tokenize()`), one request at a time. */
  onSubmit: (card: ReturnType<typeof useCardFields>) => Promise<void>;
  onEnded: (ending: AccountEnding) => void;
}

/**
 * An account screen's card form: the card fields (or the card on file), the error of the last
 * try, and the submit button, all disabled while the request runs.
 */
export function CardForm({
  testMode,
  processor,
  loadStripe = loadStripeJs,
  cardOnFile = null,
  submitLabel,
  pays = false,
  onSubmit,
  onEnded,
}: CardFormProps) {
  const card = useCardFields(processor, loadStripe, cardOnFile);
  const { busy, message, run } = useAccountAction(onEnded);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      card.setErrors({});
      await onSubmit(card);
    });
  };
  return (
    <form onSubmit={submit} aria-busy={busy} noValidate>
      <CardFieldset card={card} testMode={testMode} disabled={busy} />
      <ErrorMessage message={message} />
      {busy && pays ? <Processing /> : null}
      <button type="submit" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
