import type { Db } from './db/Database.ts';
import type { PaymentProcessor } from './payments/PaymentProcessor.ts';
import type { OutboxEntry } from './sms/createConsoleSmsProvider.ts';
import type { SmsProvider } from './sms/SmsProvider.ts';

/** Everything the HTTP app needs, passed in so tests can run it on a real database file. */
export interface CheckoutServices {
  db: Db;
  sms: SmsProvider;
  payments: PaymentProcessor;
  /** HMAC key for verification codes. */
  otpKey: Buffer;
  now: () => Date;
  /** The built page's `index.html`. */
  pageTemplate: string;
  /** Folder of the built page's hashed assets, served under `/assets/`. */
  assetsDir: string;
  /** Development only: the console SMS outbox, served at `GET /dev/outbox`. */
  outbox?: () => OutboxEntry[];
}
