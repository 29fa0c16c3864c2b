import { type FormEvent, useState } from 'react';
import type { VerifyCodeResponse } from '../shared/checkoutContract.ts';
import type { CheckoutApi } from './createCheckoutApi.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

export interface CodeStepProps {
  api: CheckoutApi;
  /** The number the code went to, as the customer should read it. */
  phone: string;
  /** The phone is the one on file: a new code goes there too, and it cannot be changed here. */
  returning: boolean;
  onVerified: (result: VerifyCodeResponse) => void;
  onChangePhone: () => void;
  onSessionEnd: (code: SessionEndingCode) => void;
}

/** Step 2: the code texted to the phone. */
export function CodeStep({
  api,
  phone,
  returning,
  onVerified,
  onChangePhone,
  onSessionEnd,
}: CodeStepProps) {
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useSubmit(onSessionEnd);
  const verify = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    void run(async () => {
      onVerified(await api.verifyCode(code.replace(/\s/g, '')));
    });
  };
  const resend = () =>
    void run(async () => {
      await api.sendCode(returning ? undefined : phone);
      setCode('');
      setNotice('We sent a new code.');
    });
  return (
    <form onSubmit={verify} aria-busy={busy} noValidate>
      <h2>Enter your code</h2>
      <p>We texted a 6-digit code to {phone}.</p>
      <Field
        label="Verification code"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        maxLength={7}
        value={code}
        onChange={(event) => setCode(event.target.value)}
        aria-invalid={error ? true : undefined}
        required
      />
      <ErrorMessage message={error} />
      <p role="status">{notice}</p>
      <button type="submit" disabled={busy}>
        Verify
      </button>
      <div className="secondary-actions">
        <button type="button" className="link" onClick={resend} disabled={busy}>
          Send a new code
        </button>
        {returning ? null : (
          <button type="button" className="link" onClick={onChangePhone} disabled={busy}>
            Use another number
          </button>
        )}
      </div>
    </form>
  );
}
