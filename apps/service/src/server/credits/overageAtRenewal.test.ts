import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { renewDue } from '../subscriptions/renewSubscriptions.ts';
import { checkoutSubscription } from '../testing/checkoutSubscription.ts';
import { merchantApi } from '../testing/merchantApi.ts';
import { overageDueOf } from '../testing/overageDueOf.ts';
import type { TestService } from '../testing/startTestService.ts';
import { startTestServiceForTest } from '../testing/startTestServiceForTest.ts';
import { turnOnAutoTopUp } from '../testing/turnOnAutoTopUp.ts';
import { checkLedger } from './checkLedger.ts';
import { toCreditUnits } from './creditUnits.ts';
import { autoTopUpsSettled } from './startAutoTopUp.ts';

// Hundreds of requests over loopback and a processor that takes real time: slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const DAY = 86_400_000;

/** Records requests of `tokens` input tokens each ($3.00 per million on the dev meter), over HTTP. */
async function record(service: TestService, customerId: string, tokens: number[], tag: string) {
  const api = merchantApi(service, service.devMerchant.secretKey);
  for (const [i, input_tokens] of tokens.entries()) {
    const answer = await api('POST', 'requests', {
      request_id: `${tag}_${i}`,
      customer_id: customerId,
      meter_slug: 'ai-chat-tokens',
      input_tokens,
    });
    expect(answer.status).toBe(201);
  }
  await autoTopUpsSettled(service.service.services.db);
}

/** What the test processor charged, from its own ledger: the money that really moved. */
function processorCharges(service: TestService) {
  const ledger = new Database(join(service.dataDir, 'test-processor.sqlite'), { readonly: true });
  try {
    return ledger
      .prepare(`select idempotency_key, amount, status from charges order by rowid`)
      .all() as { idempotency_key: string; amount: string; status: string }[];
  } finally {
    ledger.close();
  }
}

const overageEntries = (service: TestService, customerId: string) =>
  service.service.services.db
    .selectFrom('credit_entries')
    .select('amount')
    .where('customer_id', '=', customerId)
    .where('kind', '=', 'overage')
    .execute();

const sum = (rows: { amount: number | string | bigint }[]) =>
  rows.reduce((total, row) => total + BigInt(row.amount), 0n);

describe('usage beyond the credits', () => {
  it('without auto top-up, is charged with the next renewal to the cent, as its own part, and the ledger shows it due then paid', async () => {
    const t = await startTestServiceForTest();
    const { customerId, subscriptionId } = await checkoutSubscription(t);
    const { db } = t.service.services;
    // 25.00 included; 90 x 0.30 = 27.00, and 12,345 tokens = 0.037035: 2.037035 beyond it.
    await record(t, customerId, [...Array.from({ length: 90 }, () => 100_000), 12_345], 'use');
    const due = await overageEntries(t, customerId);
    expect(-sum(due)).toBe(toCreditUnits('2.037035'));

    t.clock.now += 31 * DAY;
    expect((await renewDue(t.service.services)).renewed).toBe(1);
    const renewal = await db
      .selectFrom('payments')
      .select(['amount', 'overage_amount', 'idempotency_key', 'status'])
      .where('kind', '=', 'renewal')
      .executeTakeFirstOrThrow();
    expect(renewal).toMatchObject({ status: 'succeeded', amount: '51.03', overage_amount: '2.03' });
    // The processor moved exactly that: the plan's 49.00 and 2.03 of usage.
    expect(processorCharges(t).find((c) => c.idempotency_key === renewal.idempotency_key)).toEqual({
      idempotency_key: renewal.idempotency_key,
      amount: '51.03',
      status: 'succeeded',
    });
    // The ledger: 2.037035 came due, 2.03 was paid, the fraction of a cent stays for next time.
    const after = await overageEntries(t, customerId);
    expect(after.map((e) => BigInt(e.amount))).toContain(toCreditUnits('2.03'));
    expect(-sum(after)).toBe(toCreditUnits('0.007035'));
    expect(await overageDueOf(db, customerId)).toBe(toCreditUnits('0.007035'));
    const renewed = await db
      .selectFrom('webhook_events')
      .select('payload')
      .where('type', '=', 'subscription.renewed')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(renewed.payload).data).toMatchObject({
      subscription_id: subscriptionId,
      amount: '51.03',
      overage_amount: '2.03',
    });
    expect(await checkLedger(db)).toEqual([]);
  });

  it('covered by an auto top-up, is not charged again with the renewal', async () => {
    const t = await startTestServiceForTest();
    const { customerId } = await checkoutSubscription(t);
    const { db } = t.service.services;
    // Auto top-up turned on only after the credits ran out: 2.00 beyond them is due.
    await record(
      t,
      customerId,
      Array.from({ length: 90 }, () => 100_000),
      'before',
    );
    await turnOnAutoTopUp(t, customerId);
    // The next draw tops up: 25.00 bought, 2.30 of it pays what ran over (this request's too).
    await record(t, customerId, [100_000], 'after');
    const account = await db
      .selectFrom('credit_accounts')
      .select(['available', 'overage_due'])
      .where('customer_id', '=', customerId)
      .executeTakeFirstOrThrow();
    expect(BigInt(account.overage_due)).toBe(0n);
    expect(BigInt(account.available)).toBe(toCreditUnits('22.70'));

    t.clock.now += 31 * DAY;
    expect((await renewDue(t.service.services)).renewed).toBe(1);
    const payments = await db
      .selectFrom('payments')
      .select(['kind', 'amount', 'overage_amount'])
      .orderBy('created_at')
      .execute();
    expect(payments).toEqual([
      { kind: 'plan', amount: '49.00', overage_amount: null },
      { kind: 'top_up', amount: '25.00', overage_amount: null },
      { kind: 'renewal', amount: '49.00', overage_amount: null },
    ]);
    expect(await checkLedger(db)).toEqual([]);
  });
});
