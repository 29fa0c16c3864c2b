import type { Catalog } from './catalog/createCatalog.ts';
import type { SessionVerifier } from './checkoutSessions/createSessionVerifier.ts';
import type { ProvidersConfig } from './gateway/providers/readProviderSettings.ts';
import type { RelayLimits, StartTimer } from './gateway/relayResponse.ts';
import type { GatewayDispatchers } from './gateway/sendUpstream.ts';
import type { PaymentProcessor } from './payments/PaymentProcessor.ts';
import type { MovableClock } from './platform/clock.ts';
import type { Db } from './platform/db/Database.ts';
import type { DatabaseCounts } from './platform/db/DatabaseCounts.ts';
import type { ResolveHost } from './platform/http/resolvePublicHost.ts';
import type { OutboxEntry } from './verification/sms/createConsoleSmsProvider.ts';
import type { SmsProvider } from './verification/sms/SmsProvider.ts';

/** Everything the HTTP app and the domain need, built by `composeServices` from its parts. */
export interface Services {
  db: Db;
  /** Which database `db` talks to: some guarantees need a statement only PostgreSQL needs. */
  dialect: 'sqlite' | 'postgres';
  /** What the database has run so far, for the statement budget and benchmarks. */
  counts: DatabaseCounts;
  /** Verifies session secrets, keeping what it verified. */
  verifier: SessionVerifier;
  /** Merchants and plans as checkouts read them, kept for a short while. */
  catalog: Catalog;
  sms: SmsProvider;
  payments: PaymentProcessor;
  /** HMAC key for verification codes. */
  otpKey: Buffer;
  /**
   * The service's one clock: use cases and jobs read the time from it, and moving it forward
   * makes what falls due later due now.
   */
  clock: MovableClock;
  /** The clock's time now: `clock.now`. */
  now: () => Date;
  /** The service's public base URL, ending in `/`. */
  publicUrl: string;
  /** ISO 3166 codes codes may be texted to, for merchants that set none. */
  smsCountries: readonly string[];
  /** Production: strict transport headers, no development routes. */
  production: boolean;
  /**
   * Resolves the host names of URLs the service sends requests to on a merchant's behalf
   * (webhook endpoints), before it checks that they are public.
   */
  resolveHost: ResolveHost;
  /** Proxies in front of the service that append to `X-Forwarded-For` (see `clientIp`). */
  trustedProxies: number;
  /** The built page's `index.html`. */
  pageTemplate: string;
  /** Folder of the built page's hashed assets, served under `/assets/`. */
  assetsDir: string;
  /** The AI gateway: providers' keys and URLs, and the connection pools it calls them through. */
  gateway: {
    providers: ProvidersConfig;
    dispatchers: GatewayDispatchers;
    /** The relay's drain bounds, when not the defaults (tests). */
    limits?: Partial<RelayLimits>;
    /** Starts the relay's drain timer, when not a real timer (tests). */
    startTimer?: StartTimer;
  };
  /** Development only: the console SMS outbox, served at `GET /dev/outbox`. */
  outbox?: () => OutboxEntry[];
}
