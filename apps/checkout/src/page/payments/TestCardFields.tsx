import { type Ref, useImperativeHandle, useRef, useState } from 'react';
import { Field } from '../Field.tsx';
import type { CardFieldsHandle, CardFieldsInput } from './CardTokenizer.ts';
import { tokenizeTestCard } from './tokenizeTestCard.ts';

export interface TestCardFieldsProps {
  ref: Ref<CardFieldsHandle>;
  /** The field the last attempt found wrong. */
  invalid: keyof CardFieldsInput | null;
}

/** The test processor's card fields: plain inputs, tokenized in the page. */
export function TestCardFields({ ref, invalid }: TestCardFieldsProps) {
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
  const set = (field: keyof CardFieldsInput) => (event: { target: { value: string } }) =>
    setCard((current) => ({ ...current, [field]: event.target.value }));
  return (
    <>
      <Field
        label="Card number"
        inputMode="numeric"
        autoComplete="cc-number"
        autoFocus
        placeholder="1234 1234 1234 1234"
        value={card.number}
        onChange={set('number')}
        aria-invalid={invalid === 'number' ? true : undefined}
        required
      />
      <div className="row">
        <Field
          label="Expiration date"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder="MM / YY"
          value={card.expiry}
          onChange={set('expiry')}
          aria-invalid={invalid === 'expiry' ? true : undefined}
          required
        />
        <Field
          label="Security code"
          inputMode="numeric"
          autoComplete="cc-csc"
          placeholder="CVC"
          maxLength={4}
          value={card.cvc}
          onChange={set('cvc')}
          aria-invalid={invalid === 'cvc' ? true : undefined}
          required
        />
      </div>
    </>
  );
}
