import { composeServices, type ServiceParts } from './composeServices.ts';
import { type Jobs, startJobs } from './jobs/startJobs.ts';
import type { ServiceConfig } from './platform/config/ServiceConfig.ts';
import type { Services } from './Services.ts';

export interface RunningWorker {
  services: Services;
  jobs: Jobs;
  close(): Promise<void>;
}

/**
 * Starts the periodic jobs in a process of their own, beside HTTP servers started with
 * `LAVA_JOBS=off`: the same services, without the page or an HTTP server. Another process uses
 * the database, so leases found at its start are left to run out rather than taken over.
 */
export async function startWorker(options: {
  config: ServiceConfig;
  parts?: Partial<ServiceParts>;
}): Promise<RunningWorker> {
  const { config } = options;
  const url = config.publicUrl ?? `http://${config.host}:${config.port}/`;
  const composed = await composeServices(config, url, options.parts, 'worker');
  try {
    const jobs = await startJobs(composed.services, {
      soleProcess: false,
      keepProcessAlive: true,
      ...(config.renewalConcurrency ? { renewalConcurrency: config.renewalConcurrency } : {}),
      ...(options.parts?.webhookPollMs !== undefined
        ? { webhookPollMs: options.parts.webhookPollMs }
        : {}),
    });
    return {
      services: composed.services,
      jobs,
      close: async () => {
        await jobs.stop();
        await composed.close();
      },
    };
  } catch (error) {
    await composed.close();
    throw error;
  }
}
