import { describe, expect, it } from 'vitest';
import type { AccountSummary } from './AccountSummary.ts';
import { parseAccountSummary } from './parseAccountSummary.ts';

const summary: AccountSummary = {
  customer_id: 'con_test_1',
  status: 'active',
  plan: {
    id: 'plan_test_1',
    name: 'Pro Plan',
    period_amount: '49.00',
    billing_interval: 'month',
    included_credit: '25.00',
  },
  credits: { total: '30.00', cycle: '25.00', bundle: '5.00' },
  cycle_end_at: '2026-12-22T12:00:00.000Z',
  pending_change: { type: 'downgrade', effective_at: '2026-12-22T12:00:00.000Z', plan_id: 'p2' },
};

describe('parseAccountSummary', () => {
  it('given a summary the service sends, returns it', () => {
    expect(parseAccountSummary(JSON.parse(JSON.stringify(summary)))).toEqual(summary);
    const none = {
      ...summary,
      status: 'none',
      plan: null,
      cycle_end_at: null,
      pending_change: null,
    };
    expect(parseAccountSummary(none)).toEqual(none);
  });

  it('given anything else, returns null without throwing', () => {
    for (const value of [
      null,
      'x',
      [],
      { ...summary, status: 'paused' },
      { ...summary, credits: { ...summary.credits, total: 'NaN' } },
      { ...summary, credits: null },
      { ...summary, plan: { ...summary.plan, included_credit: 'lots' } },
      { ...summary, pending_change: { type: 'refund' } },
      { ...summary, cycle_end_at: 'soon' },
      { ...summary, customer_id: 1 },
    ]) {
      expect(parseAccountSummary(value)).toBeNull();
    }
  });
});
