import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { scriptTagRoutes } from './scriptTagRoutes.ts';

describe('GET /js/lava-checkout.js', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lava-tag-'));
  writeFileSync(join(dir, 'lava-checkout.js'), 'window.LavaCheckout = {};');
  writeFileSync(join(dir, 'lava-checkout-overlay.js'), 'var LavaCheckoutOverlay = {};');
  // Mounted where the service mounts it.
  const app = new Hono().route(
    '/js',
    scriptTagRoutes((name) => join(dir, name)),
  );

  it.each([
    ['lava-checkout.js', 'window.LavaCheckout = {};'],
    ['lava-checkout-overlay.js', 'var LavaCheckoutOverlay = {};'],
  ])('serves %s as JavaScript, cached for a year, readable from any origin', async (name, body) => {
    const response = await app.request(`/js/${name}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('says how to build the tag when it is missing', async () => {
    const missing = new Hono().route(
      '/js',
      scriptTagRoutes((name) => join(dir, 'nowhere', name)),
    );
    missing.onError((error, c) => c.json({ message: error.message }, 404));
    const response = await missing.request('/js/lava-checkout.js');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      message: 'The script tag is not built. Run "pnpm --filter @lava-checkout/js build".',
    });
  });

  it('finds the files @lava-checkout/js builds, by default', async () => {
    const { createRequire } = await import('node:module');
    expect(createRequire(import.meta.url).resolve('@lava-checkout/js/lava-checkout.js')).toMatch(
      /packages\/js\/dist\/lava-checkout\.js$/,
    );
  });
});
