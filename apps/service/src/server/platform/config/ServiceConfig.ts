/** How the checkout service is put together; read from the environment by `readServiceConfig`. */
export interface ServiceConfig {
  /** Production: real processor and SMS only, no test merchant, no outbox, strict headers. */
  production: boolean;
  /** @default 4001 */
  port: number;
  /** @default '127.0.0.1' */
  host: string;
  /**
   * The service's public base URL, ending in `/` (what tokens carry as `base`). Development
   * derives it from host and port.
   */
  publicUrl: string | undefined;
  /** Folder for the embedded database, and in development the test merchant's key file. */
  dataDir: string;
  /** PostgreSQL connection string; the embedded database when absent. */
  databaseUrl: string | undefined;
  /** Folder of the built page (`index.html` and `assets/`). */
  pageDir: string;
  payments:
    | { kind: 'test'; latencyMs: number }
    | { kind: 'stripe'; secretKey: string; publishableKey: string; apiUrl: string | undefined };
  sms:
    | { kind: 'console' }
    | {
        kind: 'twilio';
        accountSid: string;
        authToken: string;
        from: string;
        apiUrl: string | undefined;
      };
  /** ISO 3166 codes codes may be texted to, for merchants that set none. */
  smsCountries: readonly string[];
  /**
   * How many proxies you run in front of the service, each appending the address it received
   * the request from to `X-Forwarded-For`: the client address is the entry that many places
   * from the right. 0: the socket's peer is the client.
   * @default 0
   */
  trustedProxies: number;
  /**
   * The gateway's provider settings: `LAVA_PROVIDER_<NAME>_KEY` (the service's key for a
   * provider) and `LAVA_PROVIDER_<NAME>_URL` (where its API is, when not at its official URL).
   * @default {}
   */
  providerSettings?: Record<string, string>;
  /**
   * Whether the HTTP server's process also runs the periodic jobs (payment recovery, webhook
   * delivery, pruning). `false` (`LAVA_JOBS=off`) where a worker process runs them
   * (`pnpm --filter @lava-checkout/service worker`).
   * @default true
   */
  jobs: boolean;
  /**
   * How many renewals the jobs' process charges at once (`LAVA_RENEWAL_CONCURRENCY`): each waits
   * on the payment processor, so more at once renew more a second, up to the processor's limits.
   * @default RENEWAL_CONCURRENCY (64)
   */
  renewalConcurrency?: number;
  /** Development only: the test merchant's key; generated and kept in `dataDir` when absent. */
  devSecretKey: string | undefined;
}
