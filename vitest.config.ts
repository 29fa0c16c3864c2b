import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium.ts';

// Workspace packages resolve to their sources through this export condition: tests and the dev
// server run the TypeScript sources, never a stale dist/.
const conditions = ['@lava-checkout/source', 'module', 'browser', 'development|production'];
const nodeConditions = ['@lava-checkout/source', 'module', 'node', 'development|production'];
const nodeResolve = {
  resolve: { conditions: nodeConditions },
  ssr: { resolve: { conditions: nodeConditions, externalConditions: ['@lava-checkout/source'] } },
};

// React 18, its react-dom and its Testing Library (test/react18), for the hook's second run.
const react18 = fileURLToPath(new URL('./test/react18/node_modules/', import.meta.url));
const onReact18 = [
  {
    find: /^(react|react-dom|@testing-library\/react)(\/.*)?$/,
    replacement: `${react18}$1$2`,
  },
];

// Debian's Chromium: Playwright cannot download browsers on this machine.
const chromium = playwright({
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
});

export default defineConfig({
  test: {
    // Two files at a time. Vitest's default is one fewer than the cores, which is one on a
    // two-core machine, and most files spend their time waiting on a child process, a database
    // or a browser rather than on a core. Each Chromium instance counts as one of the two.
    maxWorkers: 2,
    projects: [
      {
        ...nodeResolve,
        test: {
          name: 'node',
          environment: 'node',
          // The files of a worker share its modules: each file importing the service anew cost
          // about a second of CPU. No module here keeps state between files or registers a hook
          // on import; each file's hooks close what it opened.
          isolate: false,
          include: [
            'packages/protocol/src/**/*.test.ts',
            'packages/server/src/**/*.test.ts',
            'apps/service/src/server/**/*.test.ts',
            'apps/demo/src/server/**/*.test.ts',
            'packages/*/src/**/*.server.test.tsx',
            'examples/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          // One PostgreSQL for the run: the store tests run on it as well as on the embedded file.
          // The published SDK's shapes, generated from its declarations once for the run.
          globalSetup: [
            './apps/service/src/server/testing/postgresGlobalSetup.ts',
            './apps/service/src/server/testing/publishedShapesGlobalSetup.ts',
          ],
        },
      },
      {
        ...nodeResolve,
        resolve: { ...nodeResolve.resolve, alias: onReact18 },
        test: {
          name: 'node-react18',
          environment: 'node',
          include: ['packages/react/src/**/*.server.test.tsx'],
        },
      },
      {
        resolve: { conditions },
        test: {
          name: 'dom',
          environment: 'jsdom',
          testTimeout: 30_000,
          setupFiles: ['./vitest.setup.dom.ts'],
          include: ['apps/service/src/page/**/*.test.{ts,tsx}'],
        },
      },
      // The SDK in Chromium: its iframe, <dialog> and focus are the browser's own. The
      // stand-in checkout page (.storybook/fake-checkout) is served from the test origin.
      ...[
        { name: 'browser', alias: [] },
        { name: 'browser-react18', alias: onReact18 },
      ].map(({ name, alias }) => ({
        resolve: { conditions, alias },
        publicDir: '.storybook/fake-checkout',
        // Known up front, so Vite does not discover them mid-run and reload the page.
        optimizeDeps: {
          include: [
            '@testing-library/dom',
            '@testing-library/jest-dom/vitest',
            '@testing-library/react',
            '@testing-library/user-event',
            'react',
            'react-dom',
            'react-dom/client',
            'react/jsx-dev-runtime',
          ],
        },
        test: {
          name,
          setupFiles: ['./vitest.setup.dom.ts'],
          // Room for the waits of vitest.setup.dom.ts on a loaded machine.
          testTimeout: 30_000,
          include:
            name === 'browser'
              ? ['packages/js/src/**/*.test.{ts,tsx}', 'packages/react/src/**/*.test.{ts,tsx}']
              : ['packages/react/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.server.test.tsx', '**/node_modules/**'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' as const }],
          },
        },
      })),
      {
        ...nodeResolve,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          exclude: ['e2e/publishedPackages.test.ts'],
          globalSetup: ['./e2e/buildPages.ts'],
          // Each file starts its own services on free ports over its own data folder, so files
          // run beside each other and beside the other projects: a project that turns file
          // parallelism off is run after every other file, one file at a time.
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // As long as Playwright waits for an element (page.setDefaultTimeout): CI runs the
          // browsers beside every other test project, on two cores.
          expect: { poll: { timeout: 20_000 } },
        },
      },
      {
        // The packages as published: packed, linted, installed into throwaway apps.
        test: {
          name: 'packages',
          environment: 'node',
          include: ['e2e/publishedPackages.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
      {
        // Every story's play function, in Chromium.
        plugins: [
          storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) }),
        ],
        test: {
          name: 'storybook',
          browser: {
            enabled: true,
            headless: true,
            provider: chromium,
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
