import type { SmsProvider } from './SmsProvider.ts';

export interface OutboxEntry {
  to: string;
  body: string;
  created_at: string;
}

/** The development SMS provider: prints each message and keeps the latest 100 in an outbox. */
export interface ConsoleSmsProvider extends SmsProvider {
  /** Messages sent so far, newest first. */
  outbox(): OutboxEntry[];
}

const OUTBOX_SIZE = 100;

/** Creates the `console` SMS provider of development: codes are printed and kept for `GET /dev/outbox`, never sent. */
export function createConsoleSmsProvider(options: {
  now: () => Date;
  log?: (line: string) => void;
}): ConsoleSmsProvider {
  const entries: OutboxEntry[] = [];
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    async send({ to, body }) {
      entries.unshift({ to, body, created_at: options.now().toISOString() });
      entries.length = Math.min(entries.length, OUTBOX_SIZE);
      log(`[sms] to ${to}: ${body}`);
    },
    outbox: () => entries.map((entry) => ({ ...entry })),
  };
}
