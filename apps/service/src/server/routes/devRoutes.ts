import { Hono } from 'hono';
import type { Jobs } from '../jobs/startJobs.ts';
import type { Services } from '../Services.ts';
import { devClockRoutes } from './devClockRoutes.ts';

/**
 * `/dev`, outside production: `GET /outbox`, the SMS messages the console provider kept (when
 * it runs), `GET /stats`, what the database has run, for the service benchmark, and
 * `/clock`, the service's clock moved forward (`devClockRoutes`).
 */
export function devRoutes(services: Services, jobs: Jobs | null = null): Hono {
  const app = new Hono();
  const { outbox } = services;
  if (outbox) {
    app.get('/outbox', (c) => c.json({ data: outbox() }));
  }
  if (!services.production) {
    app.get('/stats', (c) => c.json({ database: services.counts }));
    app.route('/', devClockRoutes(services, jobs));
  }
  return app;
}
