import { type FormEvent, useState } from 'react';
import type { VerifyCodeResponse } from '../shared/checkoutContract.ts';
import { BROWSER_CLOCK, type Clock } from './Clock.ts';
import { type CheckoutApi, CheckoutApiError } from './createCheckoutApi.ts';
import { describeError } from './describeError.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Field } from './Field.tsx';
import { useI18n } from './i18n/I18nContext.ts';
import { useCountdown } from './useCountdown.ts';
import { type SessionEndingCode, useSubmit } from './useSubmit.ts';

export interface CodeStepProps {
  api: Pick<CheckoutApi, 'sendCode' | 'verifyCode'>;
  /** The number the code went to, as the customer should read it. */
  phone: string;
  /** The phone is the one on file: a new code goes there too, and it cannot be changed here. */
  returning: boolean;
  /** The field's first value (typed into the page the server rendered). @default '' */
  initialCode?: string | undefined;
  /**
   * Seconds until another code may be asked for, as the service said when it sent this one.
   * The resend button counts them down. @default 0 (not known: a page reloaded at this step)
   */
  resendAfter?: number | undefined;
  /** The time the countdown follows. @default the browser's */
  clock?: Clock | undefined;
  onVerified: (result: VerifyCodeResponse) => void;
  onChangePhone: () => void;
  onSessionEnd: (code: SessionEndingCode) => void;
}

/** Codes that are not about the code typed: they go to the whole form. */
const FORM_ERRORS = new Set(['network_error', 'unknown_error', 'too_many_codes', 'sms_failed']);

/** Step 2: the code texted to the phone. */
export function CodeStep({
  api,
  phone,
  returning,
  initialCode = '',
  resendAfter = 0,
  clock = BROWSER_CLOCK,
  onVerified,
  onChangePhone,
  onSessionEnd,
}: CodeStepProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const [code, setCode] = useState(() => initialCode.replace(/\D/g, '').slice(0, 6));
  const [incomplete, setIncomplete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, error, run } = useSubmit(onSessionEnd);
  const [wait, startWait] = useCountdown(clock, resendAfter);
  const verify = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (code.length !== 6) {
      setIncomplete(true);
      return;
    }
    void run(async () => onVerified(await api.verifyCode(code)));
  };
  const resend = () =>
    void run(async () => {
      try {
        const sent = await api.sendCode(returning ? undefined : phone.replace(/[^\d+]/g, ''));
        startWait(sent.resend_after);
      } catch (caught) {
        // Asked too soon (a page reloaded at this step does not know the cool-down): count it.
        if (caught instanceof CheckoutApiError && caught.code === 'resend_too_soon') {
          startWait(caught.retryAfter ?? 0);
        }
        throw caught;
      }
      setCode('');
      setNotice(t.code.resent);
    });
  const message = error ? describeError(i18n, error) : null;
  const aboutCode = error !== null && !FORM_ERRORS.has(error.code);
  return (
    <form onSubmit={verify} aria-busy={busy} noValidate>
      <h2>{t.code.title}</h2>
      <p>{t.code.sentTo(phone)}</p>
      <Field
        label={t.code.label}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        maxLength={6}
        value={code}
        onChange={(event) => {
          setIncomplete(false);
          setCode(event.target.value.replace(/\D/g, '').slice(0, 6));
        }}
        error={incomplete ? t.code.incomplete : aboutCode ? message : null}
        required
      />
      <ErrorMessage message={aboutCode ? null : message} />
      <p role="status" className="notice">
        {notice}
      </p>
      <button type="submit" disabled={busy}>
        {t.code.verify}
      </button>
      <div className="secondary-actions">
        <button type="button" className="link" onClick={resend} disabled={busy || wait > 0}>
          {wait > 0 ? t.code.resendIn(wait) : t.code.resend}
        </button>
        {returning ? null : (
          <button type="button" className="link" onClick={onChangePhone} disabled={busy}>
            {t.code.changePhone}
          </button>
        )}
      </div>
    </form>
  );
}
