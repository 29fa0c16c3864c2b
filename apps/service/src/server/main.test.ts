import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Runs the service's command-line entry with only these settings; resolves when it exits. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@lava-checkout/source', '--import', 'tsx', 'src/server/main.ts'],
      { cwd: APP_DIR, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the service command in production mode', () => {
  it('refuses to start without its settings, and names every missing one at once', async () => {
    const { code, output } = await runMain({ NODE_ENV: 'production' });
    expect(code).toBe(1);
    expect(output).toContain(
      'Lava Checkout: production mode needs these settings: STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM, LAVA_PUBLIC_URL, DATABASE_URL (or LAVA_DATA_DIR).',
    );
    expect(output).toContain('see "Run it for real" in the README');
    expect(output).not.toContain('Lava Checkout service:');
  });

  it('names only what is still missing', async () => {
    const { code, output } = await runMain({
      NODE_ENV: 'production',
      STRIPE_SECRET_KEY: 'sk_live_x',
      STRIPE_PUBLISHABLE_KEY: 'pk_live_x',
      TWILIO_ACCOUNT_SID: 'AC123',
      LAVA_DATA_DIR: '/nonexistent/lava-data',
    });
    expect(code).toBe(1);
    expect(output).toContain(
      'Lava Checkout: production mode needs these settings: TWILIO_AUTH_TOKEN, TWILIO_FROM, LAVA_PUBLIC_URL.',
    );
  });
});
