import { describe, expect, it } from 'vitest';
import { PROCESS_TEST_BUDGET_MS, runServiceCommand } from './testing/runServiceCommand.ts';

const runMain = (env: Record<string, string>) => runServiceCommand('main.ts', [], env);

describe('the service command in production mode', { timeout: PROCESS_TEST_BUDGET_MS }, () => {
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
