import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DevMerchant } from '../merchants/ensureDevMerchant.ts';
import type { ServiceConfig } from '../platform/config/ServiceConfig.ts';

const ENTRY = fileURLToPath(new URL('./serviceProcess.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

export interface ServiceProcess {
  url: string;
  devMerchant: DevMerchant;
  child: ChildProcess;
  /** SIGKILL: the process dies where it stands. */
  kill(): Promise<void>;
  /** SIGTERM: the service closes, finishing what its worker is at. */
  stop(): Promise<void>;
}

/** Starts the checkout service in a child process (the real clock), resolving once it listens. */
export async function spawnService(
  config: Partial<ServiceConfig> & { dataDir: string; pageDir: string },
): Promise<ServiceProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@lava-checkout/source', '--import', 'tsx', ENTRY],
    {
      cwd: ROOT,
      env: { ...process.env, LAVA_TEST_SERVICE: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /ready (\S+)\n/.exec(stdout)?.[1];
      if (ready) resolve(ready);
    });
    child.once('exit', (code) =>
      reject(new Error(`the service process exited (${code}): ${stderr}`)),
    );
  });
  const devMerchant = JSON.parse(
    readFileSync(join(config.dataDir, 'dev-merchant.json'), 'utf8'),
  ) as DevMerchant;
  return {
    url,
    devMerchant,
    child,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
