import { type FormEvent, useState } from 'react';
import type { CheckoutApi } from './createCheckoutApi.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

export interface PhoneStepProps {
  api: CheckoutApi;
  /** A returning customer: the code goes to the phone on file, of which these are the last digits. */
  returning: { phoneLast4: string } | null;
  onCodeSent: (phone: string) => void;
  onSessionEnd: (code: SessionEndingCode) => void;
}

/** Step 1: the customer's phone number, to text a code to. */
export function PhoneStep({ api, returning, onCodeSent, onSessionEnd }: PhoneStepProps) {
  const [phone, setPhone] = useState('');
  const { busy, error, run } = useSubmit(onSessionEnd);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => onCodeSent((await api.sendCode(returning ? undefined : phone)).phone));
  };
  if (returning) {
    return (
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <h2>Verify it is you</h2>
        <p>We will text a 6-digit code to your phone ending in •••• {returning.phoneLast4}.</p>
        <ErrorMessage message={error} />
        <button type="submit" disabled={busy}>
          Send code
        </button>
      </form>
    );
  }
  return (
    <form onSubmit={submit} aria-busy={busy} noValidate>
      <h2>Verify your phone</h2>
      <Field
        label="Phone number"
        type="tel"
        autoComplete="tel"
        autoFocus
        placeholder="+1 415 555 0100"
        hint="We text you a 6-digit code. Include your country code."
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        aria-invalid={error ? true : undefined}
        required
      />
      <ErrorMessage message={error} />
      <button type="submit" disabled={busy}>
        Send code
      </button>
    </form>
  );
}
