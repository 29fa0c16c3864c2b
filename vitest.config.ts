import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium.ts';

// Workspace packages resolve to their sources through this export condition (STYLE.md).
const conditions = ['@lava-checkout/source', 'module', 'browser', 'development|production'];
const nodeConditions = ['@lava-checkout/source', 'module', 'node', 'development|production'];
const nodeResolve = {
  resolve: { conditions: nodeConditions },
  ssr: { resolve: { conditions: nodeConditions, externalConditions: ['@lava-checkout/source'] } },
};

// Debian's Chromium: Playwright cannot download browsers on this machine.
const chromium = playwright({
  launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
});

export default defineConfig({
  test: {
    projects: [
      {
        ...nodeResolve,
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/protocol/src/**/*.test.ts',
            'packages/server/src/**/*.test.ts',
            'apps/checkout/src/server/**/*.test.ts',
            'apps/demo/src/server/**/*.test.ts',
            'packages/*/src/**/*.server.test.tsx',
            'examples/**/*.test.ts',
          ],
          // One PostgreSQL for the run: the store tests run on it as well as on the embedded file.
          globalSetup: ['./apps/checkout/src/server/testing/postgresGlobalSetup.ts'],
        },
      },
      {
        resolve: { conditions },
        test: {
          name: 'dom',
          environment: 'jsdom',
          setupFiles: ['./vitest.setup.dom.ts'],
          include: [
            'packages/js/src/**/*.test.{ts,tsx}',
            'packages/react/src/**/*.test.{ts,tsx}',
            'apps/checkout/src/page/**/*.test.{ts,tsx}',
          ],
          exclude: ['**/*.server.test.tsx', '**/node_modules/**'],
        },
      },
      {
        ...nodeResolve,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['./e2e/buildPages.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
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
