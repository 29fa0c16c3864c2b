import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { RECOVERY_INTERVAL_MS } from './checkoutSessions/limits.ts';
import { composeServices, type ServiceParts } from './composeServices.ts';
import { createServiceApp } from './createServiceApp.ts';
import { recoverGatewayCalls } from './gateway/billing/recoverGatewayCalls.ts';
import type { DevMerchant } from './merchants/ensureDevMerchant.ts';
import { recoverPayments } from './payments/recoverPayments.ts';
import type { ServiceConfig } from './platform/config/ServiceConfig.ts';
import type { Services } from './Services.ts';
import {
  startWebhookWorker,
  WEBHOOK_POLL_MS,
  type WebhookWorker,
} from './webhooks/startWebhookWorker.ts';

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
  /** The webhook outbox's worker of this process. */
  webhooks: WebhookWorker;
  close(): Promise<void>;
}

/**
 * Starts the checkout service: listens, builds the app from the configuration's parts (see
 * `composeServices`) once its public URL is known, settles the payments a previous run left in
 * flight, then keeps doing so every minute, and delivers webhooks from the outbox.
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
  const recover = async (includeLeased: boolean) => {
    try {
      const settled = await recoverPayments(services, { includeLeased });
      if (settled > 0) console.log(`Lava Checkout: recovery settled ${settled} payment(s).`);
      await recoverGatewayCalls(services, includeLeased);
    } catch (error) {
      console.error('Lava Checkout: payment recovery failed; it runs again in a minute.', error);
    }
  };
  // At start, the embedded database has no other process whose requests could be at work.
  await recover(services.dialect === 'sqlite');
  app = createServiceApp(services);
  const pollMs = options.parts?.webhookPollMs ?? WEBHOOK_POLL_MS;
  const webhooks = startWebhookWorker(services, { pollMs });
  // Like recovery: at the start of the embedded database's only process, no delivery is at work.
  if (pollMs > 0) void webhooks.runOnce({ includeLeased: services.dialect === 'sqlite' });
  let recovering = Promise.resolve();
  const timer = setInterval(() => {
    recovering = recovering.then(() => recover(false));
  }, RECOVERY_INTERVAL_MS);
  timer.unref();
  return {
    url,
    devMerchant: composed.devMerchant,
    services,
    webhooks,
    close: async () => {
      clearInterval(timer);
      await stopServer();
      await webhooks.stop();
      await recovering;
      await composed.close();
    },
  };
}
