import { sql } from 'kysely';

/**
 * A payment row in plain SQL, as a migration test writes one into the schema before the
 * migration: 49.00 usd to merchant `mer_a` for plan `sc_a`, pending, no phone, created at `'t'`,
 * with `columns` written over those and added to them.
 */
export function insertOldPayment(id: string, columns: Record<string, string | null>) {
  const all = {
    id,
    amount: '49.00',
    currency: 'usd',
    status: 'pending',
    created_at: 't',
    merchant_id: 'mer_a',
    plan_id: 'sc_a',
    phone: null,
    ...columns,
  };
  const names = Object.keys(all);
  return sql`insert into payments (${sql.join(names.map((name) => sql.ref(name)))})
    values (${sql.join(Object.values(all))})`;
}
