import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StackOptions {
  checkoutPort: number;
  demoPort: number;
  /** The checkout service's data folder (database file, development key). */
  dataDir: string;
  /** Where the services' output goes. @default process.stdout */
  output?: (chunk: string) => void;
  /** More settings for the checkout service (production mode, real processors). */
  checkoutEnv?: Record<string, string>;
  /**
   * The merchant whose key and plan the demo sells. @default the development merchant the
   * checkout service created (production creates none)
   */
  merchant?: { secretKey: string; planId: string };
}

export interface Stack {
  /** `http://127.0.0.1:<checkoutPort>/` */
  checkoutUrl: string;
  /** `http://localhost:<demoPort>` */
  demoOrigin: string;
  secretKey: string;
  planId: string;
  /** Stops the checkout service and starts it again on the same port and data. */
  restartCheckout(): Promise<void>;
  stop(): Promise<void>;
}

function start(
  app: 'service' | 'demo',
  env: Record<string, string>,
  ready: RegExp,
  output: (chunk: string) => void,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@lava-checkout/source', '--import', 'tsx', 'src/server/main.ts'],
    {
      cwd: join(ROOT, 'apps', app),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      output(chunk.toString());
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match) resolve({ child, match });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output(chunk.toString()));
    child.once('exit', (code) =>
      reject(
        new Error(
          `Lava Checkout: the ${app} server exited with code ${code} before it was ready. Its output is above.`,
        ),
      ),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Starts the checkout service, then the demo with the development merchant's key and plan (or
 * the merchant given), each as its own process on its own origin, as in production.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const output = options.output ?? ((chunk: string) => process.stdout.write(chunk));
  const checkoutEnv = {
    PORT: String(options.checkoutPort),
    LAVA_DATA_DIR: options.dataDir,
    ...options.checkoutEnv,
  };
  const startCheckout = () => start('service', checkoutEnv, /Lava Checkout service: (\S+)/, output);
  let checkout = await startCheckout();
  const checkoutUrl = checkout.match[1] ?? '';
  const merchant =
    options.merchant ??
    (JSON.parse(readFileSync(join(options.dataDir, 'dev-merchant.json'), 'utf8')) as {
      secretKey: string;
      planId: string;
    });
  const demoOrigin = `http://localhost:${options.demoPort}`;
  let demo: Awaited<ReturnType<typeof start>>;
  try {
    demo = await start(
      'demo',
      {
        PORT: String(options.demoPort),
        DEMO_ORIGIN: demoOrigin,
        LAVA_SECRET_KEY: merchant.secretKey,
        LAVA_PLAN_ID: merchant.planId,
        LAVA_CHECKOUT_URL: checkoutUrl,
      },
      /Lava Checkout demo: (\S+)/,
      output,
    );
  } catch (error) {
    await stopChild(checkout.child);
    throw error;
  }
  return {
    checkoutUrl,
    demoOrigin,
    secretKey: merchant.secretKey,
    planId: merchant.planId,
    async restartCheckout() {
      await stopChild(checkout.child);
      checkout = await startCheckout();
    },
    async stop() {
      await Promise.all([stopChild(demo.child), stopChild(checkout.child)]);
    },
  };
}
