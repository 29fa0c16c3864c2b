import { type ChangeEvent, type Ref, useId, useImperativeHandle, useRef, useState } from 'react';
import { Field } from '../Field.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import type { CardFieldErrors, CardFieldsHandle, CardFieldsInput } from './CardTokenizer.ts';
import { formatCardNumber } from './formatCardNumber.ts';
import { formatExpiry } from './formatExpiry.ts';
import { tokenizeTestCard } from './tokenizeTestCard.ts';

export interface TestCardFieldsProps {
  ref: Ref<CardFieldsHandle>;
  /** What is wrong with each field, shown under it. */
  errors: CardFieldErrors;
  disabled: boolean;
  /** A field was changed: its error is out of date. */
  onEdit: (field: keyof CardFieldsInput) => void;
}

/** Formats only text added at the end, so the caret never jumps in an edit. */
const addedAtEnd = (event: ChangeEvent<HTMLInputElement>, previous: string) =>
  event.target.value.length > previous.length &&
  (event.target.selectionStart === null ||
    event.target.selectionStart === event.target.value.length);

/**
 * The test processor's card fields, tokenized in the page: the number grouped as it is typed
 * with its brand shown, the expiry with its `/`, the security code as long as the brand's.
 */
export function TestCardFields({ ref, errors, disabled, onEdit }: TestCardFieldsProps) {
  const { t } = useI18n();
  const brandId = useId();
  const [card, setCard] = useState<CardFieldsInput>({ number: '', expiry: '', cvc: '' });
  // The handle reads the latest fields, not the ones of the render that made it.
  const latest = useRef(card);
  latest.current = card;
  useImperativeHandle(
    ref,
    () => ({
      tokenize: async () => tokenizeTestCard(latest.current, new Date()),
      // The test processor never asks for 3-D Secure.
      authenticate: async () => 'unsupported',
    }),
    [],
  );
  const { brand, cvcLength } = formatCardNumber(card.number);
  const set = (field: keyof CardFieldsInput, value: string) => {
    onEdit(field);
    setCard((current) => ({ ...current, [field]: value }));
  };
  return (
    <>
      <Field
        label={t.card.number}
        name="cardnumber"
        inputMode="numeric"
        autoComplete="cc-number"
        autoFocus
        placeholder="1234 1234 1234 1234"
        value={card.number}
        onChange={(event) =>
          set(
            'number',
            addedAtEnd(event, card.number)
              ? formatCardNumber(event.target.value).text
              : event.target.value,
          )
        }
        error={errors.number}
        disabled={disabled}
        describedBy={brand ? brandId : undefined}
        after={
          brand ? (
            <span className="brand" id={brandId}>
              {brand}
            </span>
          ) : null
        }
        required
      />
      <div className="row">
        <Field
          label={t.card.expiry}
          name="exp-date"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder={t.card.expiryPlaceholder}
          value={card.expiry}
          onChange={(event) => set('expiry', formatExpiry(event.target.value, card.expiry))}
          error={errors.expiry}
          disabled={disabled}
          required
        />
        <Field
          label={t.card.cvc}
          name="cvc"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder={'0'.repeat(cvcLength).replace(/0/g, '•')}
          maxLength={cvcLength}
          hint={t.card.cvcHint(cvcLength)}
          value={card.cvc}
          onChange={(event) =>
            set('cvc', event.target.value.replace(/\D/g, '').slice(0, cvcLength))
          }
          error={errors.cvc}
          disabled={disabled}
          required
        />
      </div>
    </>
  );
}
