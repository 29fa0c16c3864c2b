import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../platform/db/Database.ts';
import { openPostgresDatabase } from '../platform/db/openPostgresDatabase.ts';
import { AT, storeFixtures } from '../testing/storeFixtures.ts';
import { createPostgresDatabase, DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import { balanceOf } from './balanceOf.ts';
import { checkLedger } from './checkLedger.ts';
import { toCreditUnits } from './creditUnits.ts';
import { drawCredits } from './drawCredits.ts';
import { grantCredits } from './grantCredits.ts';
import { recoverReservations } from './recoverReservations.ts';
import { releaseReservation } from './releaseReservation.ts';
import { reserveCredits } from './reserveCredits.ts';
import { settleReservation } from './settleReservation.ts';

const merchant = { id: 'mer_test_1', environment: 'test' } as const;
const customerId = 'con_test_1';
const at = new Date(AT);
const later = (ms: number) => new Date(at.getTime() + ms);
const units = toCreditUnits;

let dbs: Db[] = [];
afterEach(async () => {
  await Promise.all(dbs.map((db) => db.destroy()));
  dbs = [];
});

/** The store fixtures (25.00 of cycle credit granted) on a fresh database of `dialect`. */
async function open(dialect: (typeof DIALECTS)[number]) {
  const opened = await openTestDatabase(dialect);
  dbs.push(opened.db);
  await storeFixtures(opened.db);
  return opened.db;
}

const grant = (db: Db, source: 'bundle' | 'top_up', amount: string, when: Date, expiresAt?: Date) =>
  grantCredits(db, {
    merchant,
    customerId,
    subscriptionId: 'sub_test_1',
    source,
    amount: units(amount),
    at: when,
    ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}),
  });

const draw = (db: Db, amount: string, when = at) =>
  drawCredits(db, { merchant, customerId, amount: units(amount), requestId: null, at: when });

const reserve = (db: Db, amount: string, requestId = 'r') =>
  reserveCredits(db, {
    merchant,
    customerId,
    amount: units(amount),
    requestId,
    at,
    settleBy: later(180_000),
  });

describe.each(DIALECTS)('the credit ledger on %s', (dialect) => {
  it('draws cycle credit first, then bundle and top-up credit oldest first, never an expired grant', async () => {
    const db = await open(dialect);
    const top = await grant(db, 'top_up', '5.00', later(2_000));
    const bundle = await grant(db, 'bundle', '10.00', later(1_000));
    const expired = await grant(db, 'bundle', '50.00', later(500), later(3_000));
    const when = later(4_000);
    // 30.00: the 25.00 of the cycle, then 5.00 of the older bundle; the expired one is skipped.
    expect(await draw(db, '30', when)).toEqual({
      cycle: units('25'),
      bundle: units('5'),
      overage: 0n,
    });
    // 12.00: the bundle's last 5.00, then the top-up's 5.00, then 2.00 of overage.
    expect(await draw(db, '12', when)).toEqual({
      cycle: 0n,
      bundle: units('10'),
      overage: units('2'),
    });
    const left = await db
      .selectFrom('credit_grants')
      .select(['id', 'remaining'])
      .where('id', 'in', [top, bundle, expired])
      .execute();
    expect(Object.fromEntries(left.map((row) => [row.id, BigInt(row.remaining)]))).toEqual({
      [top]: 0n,
      [bundle]: 0n,
      [expired]: units('50'),
    });
    expect(await balanceOf(db, { customerId }, when)).toEqual({ total: 0n, cycle: 0n, bundle: 0n });
    expect(await checkLedger(db)).toEqual([]);
  });

  it('refuses a reservation the free credits cannot cover, and frees what a release gives back', async () => {
    const db = await open(dialect);
    const first = await reserve(db, '20');
    expect(first.ok).toBe(true);
    expect(await reserve(db, '6')).toEqual({ ok: false, free: units('5') });
    if (!first.ok) throw new Error('unreachable');
    expect(await releaseReservation(db, first.reservationId)).toBe(true);
    expect(await releaseReservation(db, first.reservationId)).toBe(false);
    expect((await reserve(db, '6')).ok).toBe(true);
    expect(await checkLedger(db)).toEqual([]);
  });

  it('settles once at the real cost; a cost beyond the credits becomes overage', async () => {
    const db = await open(dialect);
    const held = await reserve(db, '20');
    if (!held.ok) throw new Error('reservation refused');
    const settle = () =>
      db.transaction().execute((trx) =>
        settleReservation(trx, {
          reservationId: held.reservationId,
          environment: 'test',
          actual: units('27'),
          at,
        }),
      );
    expect(await settle()).toMatchObject({
      cycle: units('25'),
      overage: units('2'),
      reserved: units('20'),
    });
    expect(await settle()).toBeNull();
    const account = await db.selectFrom('credit_accounts').selectAll().executeTakeFirstOrThrow();
    expect([account.available, account.reserved, account.overage_due].map(BigInt)).toEqual([
      0n,
      0n,
      units('2'),
    ]);
    expect(await checkLedger(db)).toEqual([]);
  });

  it('recovery settles reservations left open past their bound at what they reserved', async () => {
    const db = await open(dialect);
    const stale = await reserve(db, '3', 'stale');
    const fresh = await reserve(db, '4', 'fresh');
    if (!stale.ok || !fresh.ok) throw new Error('reservation refused');
    await db
      .updateTable('credit_reservations')
      .set({ settle_by: later(1_000).toISOString() })
      .where('id', '=', stale.reservationId)
      .execute();
    expect(await recoverReservations({ db, now: () => later(60_000) })).toBe(1);
    expect((await balanceOf(db, { customerId }, at)).total).toBe(units('22'));
    // At the start of the embedded database's only process, every open one is settled.
    expect(await recoverReservations({ db, now: () => later(60_000) }, { all: true })).toBe(1);
    expect((await balanceOf(db, { customerId }, at)).total).toBe(units('18'));
    expect(await checkLedger(db)).toEqual([]);
  });

  it('checkLedger names a stored amount that its entries do not add up to', async () => {
    const db = await open(dialect);
    await db
      .updateTable('credit_grants')
      .set({ remaining: units('24') })
      .execute();
    expect(await checkLedger(db)).toEqual([
      expect.objectContaining({
        what: 'grant_remaining',
        stored: units('24'),
        summed: units('25'),
      }),
      expect.objectContaining({
        what: 'account_available',
        stored: units('25'),
        summed: units('24'),
      }),
    ]);
  });
});

describe('concurrent reservations', () => {
  it('on sqlite, 200 at once against credits for 10 hold exactly 10', async () => {
    const db = await open('sqlite');
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => reserve(db, '2.50', `r${i}`)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const account = await db.selectFrom('credit_accounts').selectAll().executeTakeFirstOrThrow();
    expect(BigInt(account.reserved)).toBe(units('25'));
    expect(await checkLedger(db)).toEqual([]);
  });

  it('on postgres, 200 at once from 4 connection pools (as from 4 processes) hold exactly 10', async () => {
    const url = await createPostgresDatabase();
    const first = await openPostgresDatabase(url);
    dbs.push(first);
    await storeFixtures(first);
    const pools = [first];
    for (let i = 0; i < 3; i++) {
      const db = await openPostgresDatabase(url);
      dbs.push(db);
      pools.push(db);
    }
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => reserve(pools[i % 4] as Db, '2.50', `r${i}`)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    // Settling them all at once, from every pool, draws the 25.00 exactly.
    await Promise.all(
      results.map((r, i) =>
        r.ok
          ? (pools[i % 4] as Db).transaction().execute((trx) =>
              settleReservation(trx, {
                reservationId: r.reservationId,
                environment: 'test',
                actual: units('2.50'),
                at,
              }),
            )
          : null,
      ),
    );
    expect(await balanceOf(first, { customerId }, at)).toEqual({
      total: 0n,
      cycle: 0n,
      bundle: 0n,
    });
    expect(await checkLedger(first)).toEqual([]);
  });
});
