import { type RawBuilder, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { databaseBeforeMigration } from '../../../testing/databaseBeforeMigration.ts';
import { DIALECTS } from '../../../testing/testDatabases.ts';
import { migrateToLatest } from '../migrateToLatest.ts';

describe.each(DIALECTS)('the move to limits per merchant, on %s', (dialect) => {
  it("keeps each text with its session's merchant, and a running lock at every merchant", async () => {
    const db = await databaseBeforeMigration(dialect, '010_limits_per_merchant');
    const rows = async (query: RawBuilder<unknown>) => (await query.execute(db)).rows;
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    const earlier = new Date(Date.now() - 60_000).toISOString();
    await sql`insert into merchants (id, name, environment, created_at) values
      ('mer_a', 'A', 'test', 'x'), ('mer_b', 'B', 'test', 'x')`.execute(db);
    await sql`insert into checkout_sessions (id, merchant_id, mode, origin_url, status, expires_at, created_at)
      values ('cs_a', 'mer_a', 'subscription', 'https://a.com', 'open', 'x', 'x'),
        ('cs_b', 'mer_b', 'subscription', 'https://b.com', 'open', 'x', 'x')`.execute(db);
    await sql`insert into sms_sends (id, session_id, phone, ip, created_at) values
      ('sms_1', 'cs_a', '+14155550100', '198.51.100.1', 't1'),
      ('sms_2', 'cs_b', '+14155550100', '198.51.100.2', 't2')`.execute(db);
    await sql`insert into phone_locks (phone, locked_until) values
      ('+14155550100', ${later}), ('+14155550101', ${earlier})`.execute(db);
    await sql`insert into code_failures (id, phone, created_at) values
      ('cf_1', '+14155550102', 't')`.execute(db);

    await migrateToLatest(db);

    expect(await rows(sql`select id, merchant_id, phone, ip from sms_sends order by id`)).toEqual([
      { id: 'sms_1', merchant_id: 'mer_a', phone: '+14155550100', ip: '198.51.100.1' },
      { id: 'sms_2', merchant_id: 'mer_b', phone: '+14155550100', ip: '198.51.100.2' },
    ]);
    expect(
      await rows(
        sql`select merchant_id, phone, locked_until from phone_locks order by merchant_id`,
      ),
    ).toEqual([
      { merchant_id: 'mer_a', phone: '+14155550100', locked_until: later },
      { merchant_id: 'mer_b', phone: '+14155550100', locked_until: later },
    ]);
    expect(await rows(sql`select id, merchant_id from code_failures`)).toEqual([
      { id: 'cf_1', merchant_id: null },
    ]);
    // A text with no address (no per-address limit applied), and one lock per merchant.
    await sql`insert into sms_sends (id, session_id, merchant_id, phone, ip, created_at)
      values ('sms_3', 'cs_a', 'mer_a', '+14155550100', null, 't3')`.execute(db);
    await expect(
      sql`insert into phone_locks (merchant_id, phone, locked_until)
        values ('mer_a', '+14155550100', ${later})`.execute(db),
    ).rejects.toThrow(/unique|primary key/i);
  });
});
