import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { ServiceError } from '../platform/ServiceError.ts';

/** The script tag, its overlay chunk and its balance badge, as built by `@lava-checkout/js`. */
const FILES = ['lava-checkout.js', 'lava-checkout-overlay.js', 'lava-checkout-balance.js'] as const;

const builtFile = (name: string) =>
  createRequire(import.meta.url).resolve(`@lava-checkout/js/${name}`);

/**
 * `/js`: `GET /lava-checkout.js` and the overlay chunk it loads: the script tag for pages
 * without a bundler. Cached for a year (a release changes the file and so its integrity
 * hash), readable from any origin so `<script integrity crossorigin>` works.
 */
export function scriptTagRoutes(fileOf: (name: string) => string = builtFile): Hono {
  const app = new Hono();
  const bodies = new Map<string, string>();
  for (const name of FILES) {
    app.get(`/${name}`, (c) => {
      let body = bodies.get(name);
      if (body === undefined) {
        try {
          body = readFileSync(fileOf(name), 'utf8');
        } catch {
          throw new ServiceError(
            'not_found',
            `The script tag is not built. Run "pnpm --filter @lava-checkout/js build".`,
          );
        }
        bodies.set(name, body);
      }
      c.header('Content-Type', 'text/javascript; charset=utf-8');
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      c.header('Access-Control-Allow-Origin', '*');
      c.header('Cross-Origin-Resource-Policy', 'cross-origin');
      return c.body(body);
    });
  }
  return app;
}
