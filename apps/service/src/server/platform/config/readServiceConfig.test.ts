import { describe, expect, it } from 'vitest';
import { readServiceConfig } from './readServiceConfig.ts';

const paths = { dataDir: '/tmp/lava-data', pageDir: '/tmp/lava-page' };
const REAL = {
  NODE_ENV: 'production',
  STRIPE_SECRET_KEY: 'sk_live_x',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_x',
  TWILIO_ACCOUNT_SID: 'AC123',
  TWILIO_AUTH_TOKEN: 'token',
  TWILIO_FROM: '+14155550000',
  LAVA_PUBLIC_URL: 'https://checkout.example.com/',
  DATABASE_URL: 'postgres://lava@db/lava',
};

describe('readServiceConfig', () => {
  it('uses the development parts when nothing is set', () => {
    expect(readServiceConfig({}, paths)).toMatchObject({
      production: false,
      port: 4001,
      host: '127.0.0.1',
      payments: { kind: 'test' },
      sms: { kind: 'console' },
      smsCountries: ['US', 'CA'],
      dataDir: paths.dataDir,
      databaseUrl: undefined,
    });
  });

  it('starts production with a real processor, SMS provider, database and public URL', () => {
    expect(readServiceConfig(REAL, paths)).toMatchObject({
      production: true,
      publicUrl: 'https://checkout.example.com/',
      payments: { kind: 'stripe', secretKey: 'sk_live_x', publishableKey: 'pk_live_x' },
      sms: { kind: 'twilio', accountSid: 'AC123', from: '+14155550000' },
      databaseUrl: 'postgres://lava@db/lava',
      devSecretKey: undefined,
    });
  });

  it('refuses production without its parts, naming every missing setting in one message', () => {
    expect(() => readServiceConfig({ NODE_ENV: 'production' }, paths)).toThrow(
      'Lava Checkout: production mode needs these settings: STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, LAVA_PUBLIC_URL, DATABASE_URL (or LAVA_DATA_DIR).',
    );
  });

  it('points Stripe and Twilio at local fakes on loopback, for tests', () => {
    expect(
      readServiceConfig(
        { ...REAL, STRIPE_API_URL: 'http://127.0.0.1:9001', TWILIO_API_URL: 'http://[::1]:9002' },
        paths,
      ),
    ).toMatchObject({
      payments: { kind: 'stripe', apiUrl: 'http://127.0.0.1:9001' },
      sms: { kind: 'twilio', apiUrl: 'http://[::1]:9002' },
    });
  });

  it('never takes a test merchant key in production', () => {
    expect(readServiceConfig({ ...REAL, LAVA_SECRET_KEY: 'aks_test_x' }, paths)).toMatchObject({
      devSecretKey: undefined,
    });
  });

  it.each([
    [undefined, 0],
    ['0', 0],
    ['1', 1],
    ['2', 2],
  ])('with LAVA_TRUST_PROXY=%s, trusts %d proxies', (value, trustedProxies) => {
    const env = value === undefined ? {} : { LAVA_TRUST_PROXY: value };
    expect(readServiceConfig(env, paths)).toMatchObject({ trustedProxies });
  });

  it.each([
    [undefined, true],
    ['on', true],
    ['off', false],
  ])('with LAVA_JOBS=%s, runs the periodic jobs in the HTTP server: %s', (value, jobs) => {
    const env = value === undefined ? {} : { LAVA_JOBS: value };
    expect(readServiceConfig(env, paths)).toMatchObject({ jobs });
  });

  it.each([
    [undefined, 64],
    ['8', 8],
  ])('with LAVA_RENEWAL_CONCURRENCY=%s, charges %d renewals at once', (value, at) => {
    const env = value === undefined ? {} : { LAVA_RENEWAL_CONCURRENCY: value };
    expect(readServiceConfig(env, paths)).toMatchObject({ renewalConcurrency: at });
  });

  it.each([
    ['a jobs setting that is neither on nor off', { LAVA_JOBS: 'false' }, /LAVA_JOBS/],
    ['no renewals at once', { LAVA_RENEWAL_CONCURRENCY: '0' }, /LAVA_RENEWAL_CONCURRENCY/],
    [
      'renewals at once that are not a number',
      { LAVA_RENEWAL_CONCURRENCY: 'many' },
      /from 1 to 1000/,
    ],
    ['a proxy count that is not a number', { LAVA_TRUST_PROXY: 'true' }, /LAVA_TRUST_PROXY/],
    ['a negative proxy count', { LAVA_TRUST_PROXY: '-1' }, /LAVA_TRUST_PROXY/],
    ['a half-configured Stripe', { STRIPE_SECRET_KEY: 'sk_test_x' }, /STRIPE_PUBLISHABLE_KEY/],
    ['a half-configured Twilio', { TWILIO_FROM: '+1415' }, /TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN/],
    ['a public URL on plain http', { LAVA_PUBLIC_URL: 'http://checkout.example.com/' }, /https:/],
    ['a public URL without its "/"', { LAVA_PUBLIC_URL: 'https://checkout.example.com/x' }, /"\/"/],
    ['a country list that is not ISO codes', { LAVA_SMS_COUNTRIES: 'USA' }, /ISO 3166/],
    ['a port that is not one', { PORT: 'http' }, /PORT/],
    [
      'a Stripe API on plain http off loopback',
      { STRIPE_API_URL: 'http://stripe.example.com' },
      /STRIPE_API_URL must be an https: URL/,
    ],
    ['a Twilio API that is not a URL', { TWILIO_API_URL: 'twilio' }, /TWILIO_API_URL must be/],
  ])('refuses %s', (_, env, message) => {
    expect(() => readServiceConfig(env, paths)).toThrow(message);
  });
});
