import { validateCheckoutBase } from '@lava-checkout/protocol';
import { DEFAULT_SMS_COUNTRIES, RENEWAL_CONCURRENCY } from '../../checkoutSessions/limits.ts';
import type { ServiceConfig } from './ServiceConfig.ts';

type Env = Record<string, string | undefined>;

const COUNTRY = /^[A-Z]{2}$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** An API base URL: https, or plain http only to a loopback host (a fake in tests). */
function isApiUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname));
  } catch {
    return false;
  }
}

/**
 * Reads the service's configuration from the environment. In production (`NODE_ENV=production`)
 * every real part must be configured; when some are not, it throws one error naming all the
 * missing settings. Development falls back to the test processor, the console SMS provider and
 * the embedded database.
 */
export function readServiceConfig(
  env: Env,
  paths: { dataDir: string; pageDir: string },
): ServiceConfig {
  const production = env.NODE_ENV === 'production';
  const get = (name: string) => env[name]?.trim() || undefined;
  const missing: string[] = [];
  const problems: string[] = [];

  const stripeSecret = get('STRIPE_SECRET_KEY');
  const stripePublishable = get('STRIPE_PUBLISHABLE_KEY');
  const twilioSid = get('TWILIO_ACCOUNT_SID');
  const twilioToken = get('TWILIO_AUTH_TOKEN');
  const twilioFrom = get('TWILIO_FROM');
  const publicUrl = get('LAVA_PUBLIC_URL');
  const databaseUrl = get('DATABASE_URL');
  const dataDir = get('LAVA_DATA_DIR');

  const useStripe = production || stripeSecret !== undefined || stripePublishable !== undefined;
  if (useStripe) {
    if (!stripeSecret) missing.push('STRIPE_SECRET_KEY');
    if (!stripePublishable) missing.push('STRIPE_PUBLISHABLE_KEY');
  }
  const useTwilio =
    production || twilioSid !== undefined || twilioToken !== undefined || twilioFrom !== undefined;
  if (useTwilio) {
    if (!twilioSid) missing.push('TWILIO_ACCOUNT_SID');
    if (!twilioToken) missing.push('TWILIO_AUTH_TOKEN');
    if (!twilioFrom) missing.push('TWILIO_FROM');
  }
  if (production) {
    if (!publicUrl) missing.push('LAVA_PUBLIC_URL');
    if (!databaseUrl && !dataDir) missing.push('DATABASE_URL (or LAVA_DATA_DIR)');
  }
  const checkedUrl = publicUrl === undefined ? null : validateCheckoutBase(publicUrl);
  if (checkedUrl && !checkedUrl.ok) {
    problems.push(
      `LAVA_PUBLIC_URL is invalid: ${checkedUrl.reason.replace('its base', 'it')}; use the service's https base URL ending in "/", like https://checkout.example.com/`,
    );
  }
  for (const name of ['STRIPE_API_URL', 'TWILIO_API_URL']) {
    const value = get(name);
    if (value !== undefined && !isApiUrl(value)) {
      problems.push(
        `${name} must be an https: URL (or http: on a loopback host, for a local fake); unset it to use the real service`,
      );
    }
  }
  const countries = (get('LAVA_SMS_COUNTRIES') ?? DEFAULT_SMS_COUNTRIES.join(','))
    .split(',')
    .map((c) => c.trim());
  if (!countries.every((c) => COUNTRY.test(c))) {
    problems.push('LAVA_SMS_COUNTRIES must list ISO 3166 country codes, like US,CA');
  }
  const trustProxy = get('LAVA_TRUST_PROXY') ?? '0';
  const trustedProxies = /^\d{1,2}$/.test(trustProxy) ? Number(trustProxy) : Number.NaN;
  if (Number.isNaN(trustedProxies)) {
    problems.push(
      'LAVA_TRUST_PROXY must be the number of proxies in front of the service that append the client address to X-Forwarded-For, like 1 (or 0 for none)',
    );
  }
  const jobs = get('LAVA_JOBS') ?? 'on';
  if (jobs !== 'on' && jobs !== 'off') {
    problems.push(
      'LAVA_JOBS must be on (the HTTP server runs the periodic jobs) or off (a worker process runs them)',
    );
  }
  const renewalConcurrency = Number(get('LAVA_RENEWAL_CONCURRENCY') ?? RENEWAL_CONCURRENCY);
  if (
    !Number.isInteger(renewalConcurrency) ||
    renewalConcurrency < 1 ||
    renewalConcurrency > 1000
  ) {
    problems.push(
      `LAVA_RENEWAL_CONCURRENCY must be how many renewals one process charges at once, a whole number from 1 to 1000 (default ${RENEWAL_CONCURRENCY})`,
    );
  }
  const port = Number(get('PORT') ?? 4001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push('PORT must be a port number');
  }

  if (missing.length > 0 || problems.length > 0) {
    const lines = [
      ...(missing.length > 0
        ? [
            `Lava Checkout: ${production ? 'production mode' : 'this configuration'} needs these settings: ${missing.join(', ')}.`,
          ]
        : []),
      ...problems.map((problem) => `Lava Checkout: ${problem}.`),
      production
        ? 'Set them in the environment (see "Run it for real" in the README), or unset NODE_ENV=production to run with development parts.'
        : 'Set them in the environment, or unset the partial settings to use the development parts.',
    ];
    throw new Error(lines.join('\n'));
  }

  return {
    production,
    port,
    host: get('HOST') ?? '127.0.0.1',
    publicUrl,
    dataDir: dataDir ?? paths.dataDir,
    databaseUrl,
    pageDir: paths.pageDir,
    payments:
      useStripe && stripeSecret && stripePublishable
        ? {
            kind: 'stripe',
            secretKey: stripeSecret,
            publishableKey: stripePublishable,
            apiUrl: get('STRIPE_API_URL'),
          }
        : { kind: 'test', latencyMs: Number(get('LAVA_TEST_PROCESSOR_LATENCY_MS') ?? 5) },
    sms:
      useTwilio && twilioSid && twilioToken && twilioFrom
        ? {
            kind: 'twilio',
            accountSid: twilioSid,
            authToken: twilioToken,
            from: twilioFrom,
            apiUrl: get('TWILIO_API_URL'),
          }
        : { kind: 'console' },
    smsCountries: countries,
    trustedProxies,
    jobs: jobs !== 'off',
    renewalConcurrency,
    devSecretKey: production ? undefined : get('LAVA_SECRET_KEY'),
    providerSettings: Object.fromEntries(
      Object.entries(env).filter(
        (entry): entry is [string, string] =>
          entry[0].startsWith('LAVA_PROVIDER_') && typeof entry[1] === 'string',
      ),
    ),
  };
}
