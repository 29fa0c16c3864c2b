import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectErrorAnswer } from '../../testing/expectErrorAnswer.ts';
import { type FakeTwilio, startFakeTwilio } from '../../testing/startFakeTwilio.ts';
import { startTestService, type TestService } from '../../testing/startTestService.ts';
import { createTwilioSmsProvider } from './createTwilioSmsProvider.ts';
import type { SmsProvider } from './SmsProvider.ts';
import { SmsSendError } from './SmsSendError.ts';

const FROM = '+14155550000';
const TO = '+14155550100';
const BODY = '482913 is your Lava Demo Merchant verification code.';

let twilio: FakeTwilio;
let logged: string[];
let sms: SmsProvider;

beforeEach(async () => {
  twilio = await startFakeTwilio({ latencyMs: 2 });
  logged = [];
  sms = createTwilioSmsProvider({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: FROM,
    apiUrl: twilio.url,
    log: (line) => logged.push(line),
  });
});

afterEach(async () => {
  await twilio.close();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('the send did not fail');
    },
    (error: unknown) => {
      if (!(error instanceof SmsSendError)) throw error;
      return { reason: error.reason, retryAfterSeconds: error.retryAfterSeconds };
    },
  );

describe('createTwilioSmsProvider', () => {
  it('sends the text through the Messages API, authenticated as the account', async () => {
    await sms.send({ to: TO, body: BODY });
    expect(twilio.messages).toEqual([
      expect.objectContaining({ to: TO, from: FROM, messagingServiceSid: null, body: BODY }),
    ]);
  });

  it('sends from a Messaging Service when TWILIO_FROM names one', async () => {
    const service = createTwilioSmsProvider({
      accountSid: twilio.accountSid,
      authToken: twilio.authToken,
      from: 'MG0123456789abcdef0123456789abcdef',
      apiUrl: twilio.url,
    });
    await service.send({ to: TO, body: BODY });
    expect(twilio.messages[0]).toMatchObject({
      from: null,
      messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
    });
  });

  it('says the number is the problem when Twilio refuses it', async () => {
    twilio.refuseNumber(TO, 21211);
    expect(await failure(sms.send({ to: TO, body: BODY }))).toEqual({
      reason: 'invalid_number',
      retryAfterSeconds: null,
    });
    twilio.refuseNumber(TO, 21614);
    expect((await failure(sms.send({ to: TO, body: BODY }))).reason).toBe('invalid_number');
  });

  it('says when to try again when Twilio rate limits the account', async () => {
    twilio.rateLimit(1);
    expect(await failure(sms.send({ to: TO, body: BODY }))).toEqual({
      reason: 'rate_limited',
      retryAfterSeconds: 60,
    });
    await sms.send({ to: TO, body: BODY });
    expect(twilio.messages).toHaveLength(1);
  });

  it('fails as unavailable when Twilio cannot be reached', async () => {
    twilio.cutNetwork();
    expect((await failure(sms.send({ to: TO, body: BODY }))).reason).toBe('unavailable');
    expect(logged).toEqual([expect.stringMatching(/^Lava Checkout: Twilio could not be reached/)]);
  });

  it('names the settings to check when Twilio refuses the credentials', async () => {
    const wrong = createTwilioSmsProvider({
      accountSid: twilio.accountSid,
      authToken: 'not-the-token',
      from: FROM,
      apiUrl: twilio.url,
      log: (line) => logged.push(line),
    });
    expect((await failure(wrong.send({ to: TO, body: BODY }))).reason).toBe('unavailable');
    expect(logged.join('\n')).toContain('Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN');
  });

  it('never logs the text (it holds the code) nor the number', async () => {
    twilio.refuseNumber(TO);
    await failure(sms.send({ to: TO, body: BODY }));
    twilio.rateLimit(1);
    await failure(sms.send({ to: '+14155550101', body: BODY }));
    twilio.cutNetwork();
    await failure(sms.send({ to: '+14155550102', body: BODY }));
    expect(logged).toHaveLength(3);
    for (const line of logged) {
      expect(line).not.toContain('482913');
      expect(line).not.toMatch(/555010\d/);
    }
  });
});

describe('the page API, texting through Twilio', () => {
  let t: TestService;
  beforeEach(async () => {
    t = await startTestService({
      parts: {
        sms: createTwilioSmsProvider({
          accountSid: twilio.accountSid,
          authToken: twilio.authToken,
          from: FROM,
          apiUrl: twilio.url,
          log: () => {},
        }),
      },
    });
  });
  afterEach(async () => {
    await t.close();
  });

  it('texts the code, ending with the line that lets the browser offer it (WebOTP)', async () => {
    const { secret } = await t.mint();
    const response = await t.post('phone', secret, { phone: '+1 415 555 0100' });
    expect(response.status).toBe(200);
    expect(twilio.messages).toEqual([expect.objectContaining({ to: TO, from: FROM })]);
    const body = twilio.messages[0]?.body ?? '';
    const code = /^(\d{6}) is your Lava Demo Merchant verification code\./.exec(body)?.[1];
    expect(body.split('\n').at(-1)).toBe(`@localhost #${code} @127.0.0.1`);
  });

  it('answers 400 about the number when Twilio cannot text it, and keeps no code waiting', async () => {
    twilio.refuseNumber(TO);
    const { secret } = await t.mint();
    const response = await t.post('phone', secret, { phone: '+1 415 555 0100' });
    await expectErrorAnswer(response, 400, {
      code: 'invalid_phone',
      message: 'We cannot text this number. Check it, or use another mobile number.',
      param: 'phone',
    });
    expect(t.rows('checkout_sessions')).toEqual([expect.objectContaining({ code_hash: null })]);
  });

  it('asks the customer to wait a minute when Twilio rate limits us', async () => {
    twilio.rateLimit(1);
    const { secret } = await t.mint();
    const response = await t.post('phone', secret, { phone: '+1 415 555 0100' });
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).toBe('60');
    expect(await response.json()).toMatchObject({
      error: {
        code: 'sms_failed',
        message: 'We could not send a text just now. Try again in a minute.',
      },
    });
  });

  it('answers 502 when Twilio cannot be reached', async () => {
    twilio.cutNetwork();
    const { secret } = await t.mint();
    const response = await t.post('phone', secret, { phone: '+1 415 555 0100' });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: { code: 'sms_failed' } });
  });
});
