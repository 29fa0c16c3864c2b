import type { SmsProvider } from './SmsProvider.ts';
import { SmsSendError } from './SmsSendError.ts';

export interface TwilioSmsProviderOptions {
  /** `AC...` */
  accountSid: string;
  authToken: string;
  /** The sender: a phone number in E.164, or a Messaging Service (`MG...`). */
  from: string;
  /** Where the Twilio API is; tests point it at a fake on loopback. @default 'https://api.twilio.com' */
  apiUrl?: string | undefined;
  /** @default 10000 */
  timeoutMs?: number;
  /** Where refusals are reported (never with the message's text). @default console.error */
  log?: (line: string) => void;
}

/** Twilio error codes that mean "this number cannot take a text from us". */
const NUMBER_REFUSED = new Set([
  21211, // not a valid phone number
  21217, // does not appear to be valid
  21408, // a region we may not text
  21610, // the recipient replied STOP
  21612, // cannot be routed
  21614, // cannot receive SMS (a landline)
]);

/** The `Retry-After` Twilio sends, or a minute. */
const retryAfter = (header: string | null) => {
  const seconds = Number(header);
  return Number.isInteger(seconds) && seconds > 0 ? seconds : 60;
};

/**
 * Texts through Twilio's Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`, basic
 * auth, form body). A number Twilio refuses becomes `invalid_number`, its rate limit
 * `rate_limited`, anything else `unavailable`. The message's text holds a code, so it is never
 * logged, and neither is the number.
 */
export function createTwilioSmsProvider(options: TwilioSmsProviderOptions): SmsProvider {
  const endpoint = new URL(
    `2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`,
    `${(options.apiUrl ?? 'https://api.twilio.com').replace(/\/?$/, '/')}`,
  );
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const sender = options.from.startsWith('MG')
    ? { MessagingServiceSid: options.from }
    : { From: options.from };
  const log = options.log ?? ((line: string) => console.error(line));

  return {
    async send({ to, body }) {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({ To: to, ...sender, Body: body }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        });
      } catch (error) {
        log(
          `Lava Checkout: Twilio could not be reached (${error instanceof Error ? error.name : 'error'}); the text was not sent.`,
        );
        throw new SmsSendError('unavailable', 'Twilio could not be reached.');
      }
      if (response.ok) return;
      const { code } = (await response.json().catch(() => ({}))) as { code?: unknown };
      const twilioCode = typeof code === 'number' ? code : null;
      log(
        `Lava Checkout: Twilio refused a text (HTTP ${response.status}, code ${twilioCode ?? 'none'}).${
          response.status === 401 || response.status === 403
            ? ' Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.'
            : ''
        }`,
      );
      if (response.status === 429) {
        throw new SmsSendError(
          'rate_limited',
          'Twilio is rate limiting this account.',
          retryAfter(response.headers.get('retry-after')),
        );
      }
      if (twilioCode !== null && NUMBER_REFUSED.has(twilioCode)) {
        throw new SmsSendError('invalid_number', `Twilio cannot text this number (${twilioCode}).`);
      }
      throw new SmsSendError('unavailable', `Twilio answered HTTP ${response.status}.`);
    },
  };
}
