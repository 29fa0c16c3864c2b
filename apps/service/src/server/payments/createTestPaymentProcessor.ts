import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { parseTestPaymentMethod, type TestCardOutcome } from '../../shared/testPaymentMethod.ts';
import type { ChargeState, PaymentFailure, PaymentProcessor } from './PaymentProcessor.ts';

const FAILURES: Record<
  Exclude<TestCardOutcome, 'succeeds' | 'declined_off_session' | 'requires_authentication'>,
  PaymentFailure
> = {
  declined: { code: 'card_declined', message: 'Your card was declined. Try another card.' },
  insufficient_funds: {
    code: 'insufficient_funds',
    message: 'Your card has insufficient funds. Try another card.',
  },
  incorrect_cvc: {
    code: 'incorrect_cvc',
    message: "Your card's security code is incorrect. Check it and try again.",
    param: 'card_cvc',
  },
  expired_card: {
    code: 'expired_card',
    message: 'Your card has expired. Try another card.',
    param: 'card_expiry',
  },
  unknown: {
    code: 'card_declined',
    message: 'This is a test checkout: real cards are declined. Use 4242 4242 4242 4242.',
  },
};
const EXPIRED = FAILURES.expired_card;
const AUTHENTICATION_REQUIRED: PaymentFailure = {
  code: 'authentication_required',
  message: 'Your bank asks you to confirm this payment. Pay again with the customer present.',
};

/** What confirming a charge on a test card does, on-session (checkout) or off it. */
function failureOf(outcome: TestCardOutcome, offSession: boolean): PaymentFailure | null {
  switch (outcome) {
    case 'succeeds':
      return null;
    case 'declined_off_session':
      return offSession ? FAILURES.declined : null;
    case 'requires_authentication':
      // Test mode's page has no authentication step: the customer at checkout counts as having
      // passed it; nobody is there to pass it off-session.
      return offSession ? AUTHENTICATION_REQUIRED : null;
    default:
      return FAILURES[outcome];
  }
}

type Row = { ref: string; payment_method: string; status: string; failure: string | null };

export interface TestPaymentProcessorOptions {
  /** The processor's own ledger: a database file of its own, as a real processor has. */
  ledgerFile: string;
  /** How long each call takes, like a processor across a network. @default 5 */
  latencyMs?: number;
  now: () => Date;
}

/**
 * The test-mode processor: outcomes chosen by test card (`TEST_CARDS`), no network (`4000 0000 0000 0341` pays
 * at checkout and is declined off-session; `4000 0027 6000 3184` is refused off-session as
 * needing authentication). Like a real
 * processor it keeps its charges in its own durable ledger, committed before it answers, so a
 * crash of the checkout service mid-payment can be recovered by asking it what became of a key.
 * It takes real time on every call, so races show in tests.
 */
export function createTestPaymentProcessor(options: TestPaymentProcessorOptions): PaymentProcessor {
  mkdirSync(dirname(options.ledgerFile), { recursive: true });
  const ledger = new SQLite(options.ledgerFile);
  ledger.pragma('journal_mode = WAL');
  // Durable across a crash of the process, which is what the tests kill; not across a power
  // loss, which a fake need not survive. Its commits then leave the disk to the service's own.
  ledger.pragma('synchronous = NORMAL');
  ledger.pragma('busy_timeout = 5000');
  ledger.exec(`create table if not exists charges (
    ref text primary key,
    idempotency_key text not null unique,
    payment_method text not null,
    amount text not null,
    status text not null,
    failure text
  )`);
  const insert = ledger.prepare(
    `insert into charges (ref, idempotency_key, payment_method, amount, status)
     values (?, ?, ?, ?, 'unconfirmed') on conflict (idempotency_key) do nothing`,
  );
  const byKey = ledger.prepare<[string], Row>('select * from charges where idempotency_key = ?');
  const byRef = ledger.prepare<[string], Row>('select * from charges where ref = ?');
  const settle = ledger.prepare<[string, string | null, string]>(
    `update charges set status = ?, failure = ? where ref = ? and status = 'unconfirmed'`,
  );
  const cancel = ledger.prepare(
    `update charges set status = 'cancelled' where ref = ? and status = 'unconfirmed'`,
  );
  // Half on the way there, half on the way back: a charge is on the ledger a while before
  // the caller hears of it, as across a network.
  const wait = () =>
    new Promise<void>((resolve) => setTimeout(resolve, (options.latencyMs ?? 5) / 2));
  const call = async <T>(work: () => T): Promise<T> => {
    await wait();
    const result = work();
    await wait();
    return result;
  };

  const stateOf = (row: Row | undefined): ChargeState => {
    switch (row?.status) {
      case 'succeeded':
        return { status: 'succeeded' };
      case 'failed':
        return { status: 'failed', failure: JSON.parse(row.failure ?? 'null') as PaymentFailure };
      case 'unconfirmed':
        return { status: 'unconfirmed' };
      default:
        return {
          status: 'failed',
          failure: { code: 'processing_error', message: 'This payment was cancelled.' },
        };
    }
  };

  return {
    page: { kind: 'test' },
    readPaymentMethod: (ref) =>
      call(() => {
        const method = parseTestPaymentMethod(ref);
        return method && { processorRef: ref, ...method.card };
      }),
    createCharge: (input) =>
      call(() => {
        insert.run(
          `ch_test_${randomUUID().replace(/-/g, '')}`,
          input.idempotencyKey,
          input.paymentMethodRef,
          input.amount,
        );
        const row = byKey.get(input.idempotencyKey);
        if (!row || row.payment_method !== input.paymentMethodRef) {
          throw new Error(
            'Lava Checkout: test processor: this idempotency key was used with another payment method.',
          );
        }
        return { chargeRef: row.ref };
      }),
    confirmCharge: (chargeRef, _key, confirm) =>
      call(() => {
        const row = byRef.get(chargeRef);
        if (!row) throw new Error(`Lava Checkout: test processor: no charge ${chargeRef}.`);
        const method = parseTestPaymentMethod(row.payment_method);
        const now = options.now();
        const expired =
          !method ||
          method.card.expYear < now.getUTCFullYear() ||
          (method.card.expYear === now.getUTCFullYear() &&
            method.card.expMonth < now.getUTCMonth() + 1);
        const failure = expired ? EXPIRED : failureOf(method.outcome, confirm?.offSession ?? false);
        settle.run(failure ? 'failed' : 'succeeded', failure && JSON.stringify(failure), chargeRef);
        return stateOf(byRef.get(chargeRef));
      }),
    getCharge: (chargeRef) => call(() => stateOf(byRef.get(chargeRef))),
    cancelCharge: (chargeRef) =>
      call(() => {
        cancel.run(chargeRef);
      }),
    close: () => {
      ledger.close();
    },
  };
}
