import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './launchChromium.ts';

// The packages as a stranger gets them: packed with pnpm (which applies publishConfig and
// turns workspace: ranges into versions), checked with publint and attw, then installed from
// the tarballs, with everything else from the npm registry, into two throwaway Vite apps.

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PNPM = ['-y', 'pnpm@10.34.8'];
const PACKAGES = ['protocol', 'js', 'react', 'server'] as const;
/** Packed too, but installed on its own: it is not part of a web app. */
const TOOLS = ['mcp'] as const;
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

let work: string;
const tarballs = {} as Record<(typeof PACKAGES)[number] | (typeof TOOLS)[number], string>;
const apps = { 18: '', 19: '' };
let browser: Browser;
const servers: Server[] = [];

/** Serves a folder on loopback; `route` may map a path to a file first. */
async function serve(dir: string, route: (path: string) => string = (path) => path) {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer((request, response) => {
    const pathname = route(new URL(request.url ?? '/', 'http://x').pathname);
    const path = pathname === '/' ? '/index.html' : pathname;
    try {
      const body = readFileSync(join(dir, path));
      response.writeHead(200, { 'content-type': types[extname(path)] ?? 'text/plain' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const APP_JS = `import { useLavaCheckout } from '@lava-checkout/react';
import { createElement as h } from 'react';

export function App({ token, checkoutOrigin }) {
  const { open, status, step } = useLavaCheckout({ checkoutOrigin });
  return h('main', null,
    h('p', null, 'Checkout: ' + status + ', step ' + (step ?? 'none')),
    h('button', { type: 'button', onClick: () => open(token) }, 'Subscribe'));
}
`;
const MAIN_JS = `import { createElement as h, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';

const query = new URLSearchParams(location.search);
const token = query.get('token') ?? '';
const checkoutOrigin = query.get('checkout') ?? undefined;
createRoot(document.getElementById('root')).render(
  h(StrictMode, null, h(App, { token, checkoutOrigin })),
);
`;
const SSR_JS = `import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './src/App.js';

process.stdout.write(renderToString(h(App, { token: '' })));
`;
const MINT_JS = `import { createCheckoutSession } from '@lava-checkout/server';

const session = await createCheckoutSession(
  { checkout_mode: 'subscription', origin_url: process.argv[2], plan_id: 'sc_test_01KK2NQPK7CXRHEW42Z4X4M06R' },
  { secretKey: 'aks_test_0123456789abcdefghijklmnop', checkoutUrl: process.argv[3] },
);
process.stdout.write(session.checkout_session_token);
`;

/** A Vite app on one React version, depending on the four tarballs. */
async function makeApp(react: 18 | 19) {
  const dir = join(work, `app-react${react}`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  const rootManifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const lava = Object.fromEntries(
    PACKAGES.map((name) => [`@lava-checkout/${name}`, `file:${tarballs[name]}`]),
  );
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: `throwaway-react${react}`,
      private: true,
      type: 'module',
      dependencies: {
        ...lava,
        react: react === 18 ? '18.3.1' : '^19.0.0',
        'react-dom': react === 18 ? '18.3.1' : '^19.0.0',
        vite: rootManifest.devDependencies.vite,
      },
      // The packages' own ranges on each other resolve to these tarballs, not the registry.
      overrides: Object.fromEntries(Object.keys(lava).map((name) => [name, `$${name}`])),
    }),
  );
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Throwaway</title></head><body><div id="root"></div><script type="module" src="/src/main.js"></script></body></html>',
  );
  writeFileSync(join(dir, 'src', 'App.js'), APP_JS);
  writeFileSync(join(dir, 'src', 'main.js'), MAIN_JS);
  writeFileSync(join(dir, 'ssr.js'), SSR_JS);
  writeFileSync(join(dir, 'mint.js'), MINT_JS);
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir });
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'lava-packages-'));
  // Build, then pack, with the README's command: the tarballs hold exactly what would be
  // published, in packed/, as a merchant gets them before the packages are on the registry.
  rmSync(join(ROOT, 'packed'), { recursive: true, force: true });
  await run('npx', [...PNPM, 'run', 'pack:packages'], { cwd: ROOT });
  for (const name of [...PACKAGES, ...TOOLS]) {
    const { version } = JSON.parse(
      readFileSync(join(ROOT, 'packages', name, 'package.json'), 'utf8'),
    ) as { version: string };
    tarballs[name] = join(ROOT, 'packed', `lava-checkout-${name}-${version}.tgz`);
    expect(existsSync(tarballs[name]), tarballs[name]).toBe(true);
  }
  [apps[18], apps[19]] = await Promise.all([makeApp(18), makeApp(19)]);
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) server.close();
});

describe('each packed package', () => {
  it.each([...PACKAGES, ...TOOLS])('@lava-checkout/%s passes publint --strict', async (name) => {
    const { stdout } = await run(bin('publint'), ['--strict', tarballs[name]]);
    expect(stdout).toContain('All good!');
  });

  it.each([...PACKAGES, ...TOOLS])(
    '@lava-checkout/%s passes attw, as an ESM-only package',
    async (name) => {
      // The script tag's files are scripts for <script src>, not modules to import.
      const exclude =
        name === 'js'
          ? [
              '--exclude-entrypoints',
              './lava-checkout.js',
              './lava-checkout-overlay.js',
              './lava-checkout-balance.js',
            ]
          : [];
      await expect(
        run(bin('attw'), [
          tarballs[name],
          '--profile',
          'esm-only',
          '--format',
          'ascii',
          ...exclude,
        ]),
      ).resolves.toBeDefined();
    },
  );

  it('holds only the built files, the manifest and the license', async () => {
    const { stdout } = await run('tar', ['tzf', tarballs.react]);
    const files = stdout.trim().split('\n').sort();
    expect(
      files.every(
        (f) => f.startsWith('package/dist/') || /package\/(package\.json|LICENSE)$/.test(f),
      ),
    ).toBe(true);
    const manifest = JSON.parse(
      (await run('tar', ['xzOf', tarballs.react, 'package/package.json'])).stdout,
    );
    expect(JSON.stringify(manifest.exports)).not.toContain('@lava-checkout/source');
    expect(manifest.dependencies).toEqual({
      // The balance's popover, loaded on its first use.
      '@floating-ui/react': '^0.27.20',
      '@lava-checkout/js': '0.1.0',
      '@lava-checkout/protocol': '0.1.0',
    });
  });
});

describe.each([18, 19] as const)(
  'a throwaway Vite app on React %i, installed from the tarballs',
  (react) => {
    it('builds, and renders the hook in Chromium, which opens a checkout from a token the server package minted', async () => {
      const dir = apps[react];
      // As a merchant builds it: Vitest's NODE_ENV=test would give React's development build.
      await run(join(dir, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
        cwd: dir,
        env: { ...process.env, NODE_ENV: 'production' },
      });
      const appUrl = await serve(join(dir, 'dist'));
      // A stand-in checkout service: its page plays the frame's side of the protocol.
      const checkoutUrl = await serve(join(ROOT, '.storybook', 'fake-checkout'), (path) =>
        path.startsWith('/embed/checkout/') && !path.endsWith('.js')
          ? '/embed/checkout/ready.html'
          : path,
      );
      const { stdout: token } = await run(
        'node',
        ['mint.js', new URL(appUrl).origin, checkoutUrl],
        { cwd: dir },
      );
      const page = await browser.newPage();
      try {
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        const trusted = encodeURIComponent(new URL(checkoutUrl).origin);
        await page.goto(`${appUrl}?token=${encodeURIComponent(token)}&checkout=${trusted}`);
        await page.getByText('Checkout: closed, step none').waitFor();
        await page.getByRole('button', { name: 'Subscribe' }).click();
        await page.getByRole('dialog', { name: 'Checkout' }).waitFor();
        await page.getByText('Checkout: ready, step phone').waitFor();
        await page.getByRole('button', { name: 'Close checkout' }).click();
        await page.getByText('Checkout: closed, step none').waitFor();
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });

    it('renders the hook on the server', async () => {
      const { stdout } = await run('node', ['ssr.js'], { cwd: apps[react] });
      expect(stdout).toBe(
        '<main><p>Checkout: closed, step none</p><button type="button">Subscribe</button></main>',
      );
    });
  },
);

describe('@lava-checkout/mcp, installed from its tarball into an empty folder', () => {
  it('starts with npx and answers an MCP client over stdio', async () => {
    const dir = join(work, 'mcp');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'throwaway-mcp', private: true }),
    );
    await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarballs.mcp], {
      cwd: dir,
    });
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { StdioClientTransport } = await import('@modelcontextprotocol/sdk/client/stdio.js');
    const client = new Client({ name: 'test', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({
        command: 'npx',
        args: ['--no-install', 'lava-checkout-mcp'],
        cwd: dir,
        // No service is needed to list the tools.
        env: { PATH: process.env.PATH ?? '', LAVA_CHECKOUT_URL: 'http://127.0.0.1:9' },
      }),
    );
    try {
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('login');
    } finally {
      await client.close();
    }
  });
});
