import { afterEach, describe, expect, it } from 'vitest';
import { createMerchant } from '../merchants/createMerchant.ts';
import type { Db } from '../platform/db/Database.ts';
import { DIALECTS, openTestDatabase } from '../testing/testDatabases.ts';
import type { SpendKeyCall } from './admitCall.ts';
import { authorizeSpendKey } from './authorizeSpendKey.ts';
import { createSpendKey, type SpendKeySettings } from './createSpendKey.ts';
import { rotateSpendKey } from './rotateSpendKey.ts';
import { settleSpendKey } from './settleSpendKey.ts';

const NOW = new Date(Date.UTC(2026, 10, 22, 12, 0, 0));
const later = (ms: number) => new Date(NOW.getTime() + ms);
const CALL: SpendKeyCall = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  shape: 'openai',
  estimate: '1.00',
};

const open: Db[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

async function keyWith(dialect: (typeof DIALECTS)[number], settings: Partial<SpendKeySettings>) {
  const { db } = await openTestDatabase(dialect);
  open.push(db);
  const { merchantId } = await createMerchant(db, { name: 'M', environment: 'test', now: NOW });
  const { row, key } = await createSpendKey(
    db,
    { merchantId, environment: 'test', customerId: null, meterId: null },
    { name: 'Agent', ...settings },
    NOW,
  );
  return { db, row, key, merchantId };
}

describe.each(DIALECTS)('authorizeSpendKey on %s', (dialect) => {
  it('admits a call within its limits and says who it acts for', async () => {
    const { db, key, row, merchantId } = await keyWith(dialect, {});
    const result = await authorizeSpendKey(db, key, CALL, NOW);
    expect(result).toMatchObject({
      ok: true,
      scope: { spendKeyId: row.id, merchantId, customerId: null, meterId: null },
      reservation: { amount: '1.00' },
    });
  });

  it('refuses a call over the spend limit with 402, and counts settled cost, not the reservation', async () => {
    const { db, key } = await keyWith(dialect, {
      spend_limit: { amount: '2.50', cycle: 'daily' },
    });
    const first = await authorizeSpendKey(db, key, CALL, NOW);
    const second = await authorizeSpendKey(db, key, CALL, NOW);
    const third = await authorizeSpendKey(db, key, CALL, NOW);
    expect(third).toMatchObject({
      ok: false,
      refusal: { code: 'spend_limit_reached', status: 402 },
    });
    if (!first.ok || !second.ok) throw new Error('expected both admitted');
    // The first cost 0.10 of its 1.00: room for another call opens.
    await settleSpendKey(db, first.reservation, '0.10');
    expect((await authorizeSpendKey(db, key, CALL, NOW)).ok).toBe(true);
    // A new day is a new cycle.
    expect((await authorizeSpendKey(db, key, CALL, later(86_400_000))).ok).toBe(true);
  });

  it('lets concurrent calls take no more than the spend limit', async () => {
    const { db, key } = await keyWith(dialect, {
      spend_limit: { amount: '5.00', cycle: 'total' },
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => authorizeSpendKey(db, key, CALL, NOW)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? null : r.refusal.code))).toEqual(
      Array(15).fill('spend_limit_reached'),
    );
  });

  it('refuses a call over the request limit with 429', async () => {
    const { db, key } = await keyWith(dialect, { request_limit: { count: 2, cycle: 'weekly' } });
    expect((await authorizeSpendKey(db, key, CALL, NOW)).ok).toBe(true);
    expect((await authorizeSpendKey(db, key, CALL, NOW)).ok).toBe(true);
    expect(await authorizeSpendKey(db, key, CALL, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'request_limit_reached', status: 429 },
    });
  });

  it('refuses a call over the rate limit with 429 and when to retry, and refills at rpm', async () => {
    const { db, key } = await keyWith(dialect, { rate_limit: { rpm: 6, burst: 2 } });
    expect((await authorizeSpendKey(db, key, CALL, NOW)).ok).toBe(true);
    expect((await authorizeSpendKey(db, key, CALL, NOW)).ok).toBe(true);
    expect(await authorizeSpendKey(db, key, CALL, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'rate_limited', status: 429, retryAfterSeconds: 10 },
    });
    expect((await authorizeSpendKey(db, key, CALL, later(10_000))).ok).toBe(true);
  });

  it('refuses a rotated key at once, and takes the new one', async () => {
    const { db, key, row } = await keyWith(dialect, {});
    const rotated = await rotateSpendKey(db, row, 'test');
    expect(await authorizeSpendKey(db, key, CALL, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'invalid_spend_key', status: 401 },
    });
    expect((await authorizeSpendKey(db, rotated.key, CALL, NOW)).ok).toBe(true);
  });

  it('refuses a revoked key and an expired one with 401, a paused one with 403', async () => {
    const revoked = await keyWith(dialect, {});
    await revoked.db.updateTable('spend_keys').set({ revoked_at: NOW.toISOString() }).execute();
    expect(await authorizeSpendKey(revoked.db, revoked.key, CALL, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'invalid_spend_key', status: 401 },
    });
    const expiring = await keyWith(dialect, { expires_at: later(1000).toISOString() });
    expect((await authorizeSpendKey(expiring.db, expiring.key, CALL, NOW)).ok).toBe(true);
    expect(await authorizeSpendKey(expiring.db, expiring.key, CALL, later(1000))).toMatchObject({
      ok: false,
      refusal: { code: 'spend_key_expired', status: 401 },
    });
    const paused = await keyWith(dialect, { status: 'paused' });
    expect(await authorizeSpendKey(paused.db, paused.key, CALL, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'spend_key_paused', status: 403 },
    });
  });

  it('refuses providers, models and request shapes the key does not allow', async () => {
    const { db, key } = await keyWith(dialect, {
      allowed_providers: ['openai'],
      allowed_models: ['gpt-4o-mini'],
    });
    const refusal = async (call: Partial<SpendKeyCall>) => {
      const result = await authorizeSpendKey(db, key, { ...CALL, ...call }, NOW);
      return result.ok ? null : result.refusal.code;
    };
    expect(await refusal({ provider: 'anthropic' })).toBe('provider_not_allowed');
    expect(await refusal({ model: 'gpt-4o' })).toBe('model_not_allowed');
    expect(await refusal({ shape: 'anthropic' })).toBe('request_shape_not_allowed');
    expect(await refusal({})).toBeNull();
  });

  it('refuses a key it never issued', async () => {
    const { db } = await keyWith(dialect, {});
    expect(await authorizeSpendKey(db, `lsk_test_${'A'.repeat(43)}`, CALL, NOW)).toMatchObject({
      ok: false,
      refusal: { code: 'invalid_spend_key' },
    });
  });
});
