import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * What a test that starts a process of the service may take: tsx compiles the sources first,
 * which takes a few seconds on an idle machine and several times that on a loaded one.
 */
export const PROCESS_TEST_BUDGET_MS = 60_000;

/**
 * Runs one of the service's commands (`main.ts`, `keys.ts`) from its sources in a process of its
 * own, with only the settings given, as an operator does; resolves when it exits.
 */
export function runServiceCommand(
  script: 'main.ts' | 'keys.ts',
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@lava-checkout/source', '--import', 'tsx', `src/server/${script}`, ...args],
      { cwd: APP_DIR, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' },
    );
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}
