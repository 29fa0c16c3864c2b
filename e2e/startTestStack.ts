import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Stack, type StackOptions, startStack } from '../scripts/startStack.ts';
import { freePort } from './freePort.ts';

export interface TestStack extends Stack {
  /** The checkout service's data folder: its database file is `checkout.sqlite` there. */
  dataDir: string;
  /** What the services printed so far, for the log of a failing test. */
  output(): string;
}

/**
 * The checkout service and the demo on free ports, over a data folder of their own (`name`
 * names it), for one test file.
 */
export async function startTestStack(
  name: string,
  options: Pick<StackOptions, 'checkoutEnv'> = {},
): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), `lava-e2e-${name}-`));
  let output = '';
  const stack = await startStack({
    checkoutPort: await freePort(),
    demoPort: await freePort(),
    dataDir,
    output: (chunk) => {
      output += chunk;
    },
    ...(options.checkoutEnv ? { checkoutEnv: options.checkoutEnv } : {}),
  });
  return { ...stack, dataDir, output: () => output };
}
