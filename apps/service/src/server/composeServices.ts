import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCatalog } from './catalog/createCatalog.ts';
import { createSessionVerifier } from './checkoutSessions/createSessionVerifier.ts';
import { readProviderSettings } from './gateway/providers/readProviderSettings.ts';
import type { RelayLimits, StartTimer } from './gateway/relayResponse.ts';
import { createGatewayDispatchers } from './gateway/sendUpstream.ts';
import { type DevMerchant, ensureDevMerchant } from './merchants/ensureDevMerchant.ts';
import { createTestPaymentProcessor } from './payments/createTestPaymentProcessor.ts';
import type { PaymentProcessor } from './payments/PaymentProcessor.ts';
import { createClock } from './platform/clock.ts';
import type { ServiceConfig } from './platform/config/ServiceConfig.ts';
import { getOrCreateSetting } from './platform/db/getOrCreateSetting.ts';
import { openConfiguredDatabase } from './platform/db/openConfiguredDatabase.ts';
import { type ResolveHost, systemResolveHost } from './platform/http/resolvePublicHost.ts';
import type { Services } from './Services.ts';
import {
  createConsoleSmsProvider,
  type OutboxEntry,
} from './verification/sms/createConsoleSmsProvider.ts';
import { createTwilioSmsProvider } from './verification/sms/createTwilioSmsProvider.ts';
import type { SmsProvider } from './verification/sms/SmsProvider.ts';

/** Parts a caller (a test) may hand in instead of having them built from the configuration. */
export interface ServiceParts {
  /** The time the service's clock runs from. @default () => new Date() */
  now: () => Date;
  payments: PaymentProcessor;
  /** An SMS provider; one with an `outbox()` feeds `GET /dev/outbox` in development. */
  sms: SmsProvider & { outbox?: () => OutboxEntry[] };
  /** Where the console SMS provider prints. @default console.log */
  log: (line: string) => void;
  /**
   * How often the webhook worker looks for deliveries due, in ms; 0 runs it only when asked
   * (`webhooks.runOnce()`), for tests that count what the database runs.
   * @default 1000
   */
  webhookPollMs: number;
  /** How host names become addresses. @default the system resolver */
  resolveHost: ResolveHost;
  /** The gateway relay's drain bounds. @default RELAY_LIMITS */
  gatewayLimits: Partial<RelayLimits>;
  /** Starts the relay's drain timer (once a client has left mid-answer). @default setTimeout */
  gatewayStartTimer: StartTimer;
}

export interface ComposedServices {
  services: Services;
  /** The test merchant of development; `null` in production. */
  devMerchant: DevMerchant | null;
  close(): Promise<void>;
}

/**
 * The composition root: builds the service from its parts (database, clock, payment processor,
 * SMS provider), each chosen by the configuration unless a caller hands one in.
 */
export async function composeServices(
  config: ServiceConfig,
  publicUrl: string,
  parts: Partial<ServiceParts> = {},
  /** `worker`: the periodic jobs alone, without the page or the test merchant. */
  role: 'http' | 'worker' = 'http',
): Promise<ComposedServices> {
  const indexFile = join(config.pageDir, 'index.html');
  if (role === 'http' && !existsSync(indexFile)) {
    throw new Error(
      `Lava Checkout: the checkout page is not built (${indexFile} is missing). Run "pnpm --filter @lava-checkout/service build" first.`,
    );
  }
  const clock = createClock(parts.now);
  const now = () => clock.now();
  const { db, dialect, counts } = await openConfiguredDatabase(config);
  const closing: (() => unknown)[] = [() => db.destroy()];
  try {
    const devMerchant =
      config.production || role === 'worker'
        ? null
        : await ensureDevMerchant(db, {
            dataDir: config.dataDir,
            secretKey: config.devSecretKey,
            now: now(),
          });
    const otpKey = Buffer.from(
      await getOrCreateSetting(db, 'otp_hmac_key', () => randomBytes(32).toString('base64url')),
      'base64url',
    );
    const payments = parts.payments ?? (await buildPayments(config, now));
    if (!parts.payments && payments.close) closing.unshift(() => payments.close?.());
    const sms = parts.sms ?? buildSms(config, now, parts.log);
    const resolveHost = parts.resolveHost ?? systemResolveHost;
    const dispatchers = createGatewayDispatchers({
      production: config.production,
      resolve: resolveHost,
    });
    closing.unshift(() => dispatchers.destroy());
    const services: Services = {
      db,
      dialect,
      counts,
      verifier: createSessionVerifier(db),
      catalog: createCatalog(db),
      sms,
      payments,
      otpKey,
      clock,
      now,
      publicUrl,
      smsCountries: config.smsCountries,
      production: config.production,
      resolveHost,
      trustedProxies: config.trustedProxies,
      pageTemplate: role === 'http' ? readFileSync(indexFile, 'utf8') : '',
      assetsDir: join(config.pageDir, 'assets'),
      gateway: {
        providers: readProviderSettings(config.providerSettings ?? {}),
        dispatchers,
        ...(parts.gatewayLimits ? { limits: parts.gatewayLimits } : {}),
        ...(parts.gatewayStartTimer ? { startTimer: parts.gatewayStartTimer } : {}),
      },
    };
    if (!config.production && sms.outbox) services.outbox = sms.outbox;
    return {
      services,
      devMerchant,
      close: async () => {
        for (const close of closing) await close();
      },
    };
  } catch (error) {
    for (const close of closing) await close();
    throw error;
  }
}

/** Stripe's client is loaded only where Stripe takes the payments: it is a quarter of a second of every start. */
async function buildPayments(config: ServiceConfig, now: () => Date): Promise<PaymentProcessor> {
  const { payments } = config;
  switch (payments.kind) {
    case 'test':
      return createTestPaymentProcessor({
        ledgerFile: join(config.dataDir, 'test-processor.sqlite'),
        latencyMs: payments.latencyMs,
        now,
      });
    case 'stripe': {
      const { createStripePaymentProcessor } = await import(
        './payments/createStripePaymentProcessor.ts'
      );
      return createStripePaymentProcessor({
        secretKey: payments.secretKey,
        publishableKey: payments.publishableKey,
        apiUrl: payments.apiUrl,
      });
    }
    default:
      return payments satisfies never;
  }
}

function buildSms(
  config: ServiceConfig,
  now: () => Date,
  log: ((line: string) => void) | undefined,
): SmsProvider & { outbox?: () => OutboxEntry[] } {
  const { sms } = config;
  switch (sms.kind) {
    case 'console':
      return createConsoleSmsProvider({ now, ...(log ? { log } : {}) });
    case 'twilio':
      return createTwilioSmsProvider({
        accountSid: sms.accountSid,
        authToken: sms.authToken,
        from: sms.from,
        apiUrl: sms.apiUrl,
      });
    default:
      return sms satisfies never;
  }
}
