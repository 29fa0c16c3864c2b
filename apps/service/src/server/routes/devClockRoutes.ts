import { Hono } from 'hono';
import type { Jobs } from '../jobs/startJobs.ts';
import { ServiceError } from '../platform/ServiceError.ts';
import type { Services } from '../Services.ts';

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d{1,7})(ms|s|m|h|d|w)$/;

/** A duration as `31d`, `12h`, `90m`, `30s`, `2w` or `500ms`, in ms; `null` when it is not one. */
export function parseDuration(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = DURATION.exec(value.trim());
  if (!match) return null;
  return Number(match[1]) * UNITS[match[2] as keyof typeof UNITS];
}

/**
 * Development only (mounted under `/dev` only outside production): `POST /dev/clock` with
 * `{ "advance": "31d" }` moves the service's clock forward, then runs every job that became
 * due (renewals, retries, recovery, webhook delivery) before it answers `{ now }`. The demo
 * shows a month's renewal in seconds this way; tests move the same clock.
 */
export function devClockRoutes(services: Services, jobs: Jobs | null): Hono {
  const app = new Hono();
  app.get('/clock', (c) => c.json({ now: services.now().toISOString() }));
  app.post('/clock', async (c) => {
    const body = (await c.req.json().catch(() => null)) as { advance?: unknown } | null;
    const ms = parseDuration(body?.advance);
    if (ms === null) {
      throw new ServiceError(
        'invalid_request',
        'advance: say how far to move the clock, as a number and a unit: "31d", "12h", "90m", "30s", "2w" or "500ms".',
        { param: 'advance' },
      );
    }
    if (!jobs) {
      throw new ServiceError(
        'invalid_state',
        'This service runs no jobs (LAVA_JOBS=off): the worker process keeps its own clock. Run the service with its jobs to move time.',
      );
    }
    services.clock.advance(ms);
    await jobs.runOnce();
    return c.json({ now: services.now().toISOString() });
  });
  return app;
}
