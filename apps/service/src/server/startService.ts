import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { composeServices, type ServiceParts } from './composeServices.ts';
import { createServiceApp } from './createServiceApp.ts';
import { autoTopUpsSettled } from './credits/startAutoTopUp.ts';
import { type Jobs, startJobs } from './jobs/startJobs.ts';
import type { DevMerchant } from './merchants/ensureDevMerchant.ts';
import type { ServiceConfig } from './platform/config/ServiceConfig.ts';
import type { Services } from './Services.ts';
import type { WebhookWorker } from './webhooks/startWebhookWorker.ts';

export interface StartCheckoutServiceOptions {
  config: ServiceConfig;
  /** Parts to use instead of those the configuration names (tests). */
  parts?: Partial<ServiceParts>;
}

export interface RunningService {
  /** Base URL, ending in `/`: what tokens carry as `base`. */
  url: string;
  /** The test merchant of development; `null` in production. */
  devMerchant: DevMerchant | null;
  services: Services;
  /** The periodic jobs of this process; `null` when a worker process runs them (`LAVA_JOBS=off`). */
  jobs: Jobs | null;
  /** The webhook outbox's worker of this process (its jobs'). */
  readonly webhooks: WebhookWorker;
  close(): Promise<void>;
}

/**
 * Starts the service's HTTP server: listens, builds the app from the configuration's parts (see
 * `composeServices`) once its public URL is known, and, unless a worker process runs them
 * (`config.jobs`), runs the periodic jobs (`startJobs`: payment recovery first, so what a
 * previous run left in flight is settled before the app answers, then webhook delivery and
 * pruning).
 */
export async function startService(options: StartCheckoutServiceOptions): Promise<RunningService> {
  const { config } = options;
  let app: Hono | null = null;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve(
      {
        fetch: (request, env) =>
          app ? app.fetch(request, env) : new Response('Starting.', { status: 503 }),
        port: config.port,
        hostname: config.host,
      },
      () => resolve(started),
    );
    started.once('error', reject);
  });
  const stopServer = () => {
    const closed = new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
    // Keep-alive sockets would hold close() open until they time out. A request cut here
    // leaves at worst a payment in flight, which the recovery job settles.
    if ('closeAllConnections' in server) server.closeAllConnections();
    return closed;
  };
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = config.publicUrl ?? `http://${host}:${port}/`;

  let composed: Awaited<ReturnType<typeof composeServices>>;
  try {
    composed = await composeServices(config, url, options.parts);
  } catch (error) {
    await stopServer();
    throw error;
  }
  const { services } = composed;
  // On the embedded database, a process running the jobs with the HTTP server is its only one.
  const jobs = config.jobs
    ? await startJobs(services, {
        soleProcess: services.dialect === 'sqlite',
        ...(config.renewalConcurrency ? { renewalConcurrency: config.renewalConcurrency } : {}),
        ...(options.parts?.webhookPollMs !== undefined
          ? { webhookPollMs: options.parts.webhookPollMs }
          : {}),
      })
    : null;
  app = createServiceApp(services, jobs);
  return {
    url,
    devMerchant: composed.devMerchant,
    services,
    jobs,
    get webhooks() {
      if (!jobs) {
        throw new Error(
          'Lava Checkout: this service runs no jobs (LAVA_JOBS=off); its webhooks are delivered by the worker process.',
        );
      }
      return jobs.webhooks;
    },
    close: async () => {
      await stopServer();
      await jobs?.stop();
      // Top-ups the last requests started are charged and recorded before the database closes.
      await autoTopUpsSettled(services.db);
      await composed.close();
    },
  };
}
