import { Hono } from 'hono';
import type { Services } from '../Services.ts';

/**
 * `/dev`, outside production: `GET /outbox`, the SMS messages the console provider kept (when
 * it runs), and `GET /stats`, what the database has run, for the service benchmark.
 */
export function devRoutes(services: Pick<Services, 'outbox' | 'production' | 'counts'>): Hono {
  const app = new Hono();
  const { outbox } = services;
  if (outbox) {
    app.get('/outbox', (c) => c.json({ data: outbox() }));
  }
  if (!services.production) {
    app.get('/stats', (c) => c.json({ database: services.counts }));
  }
  return app;
}
