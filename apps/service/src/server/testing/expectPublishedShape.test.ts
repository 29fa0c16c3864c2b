import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, inject, it } from 'vitest';
import { expectPublishedShape, publishedShapeErrors } from './expectPublishedShape.ts';
import { generatePublishedShapes } from './generatePublishedShapes.ts';
import { PRO_PLAN_TERMS } from './PRO_PLAN_TERMS.ts';
import { restProSubscription } from './restProSubscription.ts';

const customer = {
  customer_id: 'con_test_01',
  reference_id: null,
  contact: { phone: '+14155550100', email: '', first_name: '', last_name: '' },
  subscription: {
    subscription_id: 'sub_test_01',
    plan_id: 'sc_test_01',
    name: 'Pro Plan',
    status: 'active',
  },
  metadata: null,
  created_at: '2026-11-22T12:00:00.000Z',
};

const meter = {
  meter_id: 'prd_test_01',
  meter_slug: 'ai-chat-tokens',
  name: 'AI Chat Tokens',
  rate_type: 'fixed',
  tiers: [{ start: 0, rate: '3.00', type: 'tokens_1m' }],
  created_at: '2026-11-22T12:00:00.000Z',
};

const plan = {
  plan_id: 'sc_test_01',
  merchant_id: 'mer_test_01',
  ...PRO_PLAN_TERMS,
  default_auto_top_up_bundle_id: null,
  linked_meters: [{ meter_id: 'prd_test_01', name: 'AI Chat Tokens' }],
  credit_bundles: [
    { credit_bundle_id: 'cb_test_01', name: 'Top-up', cost: '25.00', credit_amount: '25.00' },
  ],
  created_at: '2026-11-22T12:00:00.000Z',
};

describe('the published shapes', () => {
  it('are generated from the installed SDK once for the run, the same as generating them here', () => {
    const packageJson = createRequire(import.meta.url).resolve('@lavapayments/nodejs/package.json');
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
    const provided = inject('publishedShapes');
    expect(provided.sdk).toBe(`@lavapayments/nodejs@${version}`);
    expect(generatePublishedShapes()).toEqual(provided);
    // Generating reads the SDK's declarations with the TypeScript compiler: seconds of CPU.
  }, 60_000);

  it('name every exported type and every resource call by what its promise resolves to', () => {
    const { shapes } = inject('publishedShapes');
    expect(shapes).toMatchObject({
      RestCustomer: { type: 'RestCustomer' },
      RestSpendKeyCreated: { type: 'RestSpendKeyCreated' },
      'customers.list': { type: 'ListResponse<RestCustomer>' },
      'customers.delete': { type: '{ success: boolean; }' },
      'subscriptions.create': { type: '{ subscription: RestSubscriptionBase; }' },
      'meters.delete': { type: 'DeletedResponse' },
      'models.list': { type: 'RestModelList' },
    });
    // Generic types are reached through the calls that instantiate them; helpers are no shapes.
    expect(Object.keys(shapes)).not.toContain('ListResponse');
    expect(Object.keys(shapes)).not.toContain('prepareGatewayBody');
  });
});

describe('publishedShapeErrors', () => {
  it('accepts a customer as RestCustomer declares it, and fields it does not declare', () => {
    expect(publishedShapeErrors('RestCustomer', customer)).toEqual([]);
    expect(publishedShapeErrors('RestCustomer', { ...customer, subscription: null })).toEqual([]);
    expect(publishedShapeErrors('RestCustomer', { ...customer, wallet_id: 'w_1' })).toEqual([]);
  });

  it('names a string field that holds null', () => {
    expect(
      publishedShapeErrors('RestCustomer', {
        ...customer,
        contact: { ...customer.contact, phone: null },
      }),
    ).toEqual([{ path: 'contact.phone', expected: 'string', got: 'null' }]);
  });

  it('names a missing field, and a field of the wrong type in a list', () => {
    const { created_at: _, ...undated } = customer;
    expect(
      publishedShapeErrors('customers.list', {
        data: [customer, undated, { ...customer, metadata: 'gold' }],
        has_more: false,
      }),
    ).toEqual([
      { path: 'data[1].created_at', expected: 'string', got: 'nothing (missing)' },
      { path: 'data[2].metadata', expected: 'object | null', got: '"gold"' },
    ]);
  });

  it('looks inside a T | null that holds a wrong T, and names a value outside an enum', () => {
    expect(
      publishedShapeErrors('RestCustomer', {
        ...customer,
        subscription: { ...customer.subscription, status: 'paused' },
      }),
    ).toEqual([
      { path: 'subscription.status', expected: '"active" | "cancelled"', got: '"paused"' },
    ]);
    expect(publishedShapeErrors('RestCustomer', { ...customer, subscription: 'sub_1' })).toEqual([
      { path: 'subscription', expected: 'object | null', got: '"sub_1"' },
    ]);
  });

  it('holds an optional field, when present, to its type', () => {
    expect(
      publishedShapeErrors('customers.list', { data: [], has_more: false, next_cursor: null }),
    ).toEqual([{ path: 'next_cursor', expected: 'string', got: 'null' }]);
    expect(publishedShapeErrors('customers.list', { data: [], has_more: false })).toEqual([]);
  });

  it('checks a meter, a plan and a deletion', () => {
    expect(publishedShapeErrors('RestMeter', meter)).toEqual([]);
    expect(
      publishedShapeErrors('meters.retrieve', {
        ...meter,
        tiers: [{ start: '0', rate: '3.00', type: 'tokens_1m' }],
      }),
    ).toEqual([{ path: 'tiers[0].start', expected: 'number', got: '"0"' }]);
    expect(publishedShapeErrors('RestPlan', plan)).toEqual([]);
    expect(
      publishedShapeErrors('subscriptions.retrievePlan', {
        ...plan,
        billing_interval: 'fortnight',
        credit_bundles: [{ credit_bundle_id: 'cb_test_01', name: 'Top-up', cost: 25 }],
      }),
    ).toEqual([
      {
        path: 'billing_interval',
        expected: '"day" | "week" | "month" | "year"',
        got: '"fortnight"',
      },
      { path: 'credit_bundles[0].credit_amount', expected: 'string', got: 'nothing (missing)' },
      { path: 'credit_bundles[0].cost', expected: 'string', got: '25' },
    ]);
    expect(publishedShapeErrors('meters.delete', { id: 'prd_1', deleted: true })).toEqual([]);
    expect(publishedShapeErrors('meters.delete', { id: 'prd_1', deleted: false })).toEqual([
      { path: 'deleted', expected: 'true', got: 'false' },
    ]);
  });

  it('checks a subscription and its pending change', () => {
    const subscription = restProSubscription({
      subscription_id: 'sub_test_01',
      plan_id: 'sc_test_01',
      remaining: '25.00',
    });
    expect(publishedShapeErrors('customers.getSubscription', { subscription })).toEqual([]);
    expect(publishedShapeErrors('customers.getSubscription', { subscription: null })).toEqual([]);
    expect(
      publishedShapeErrors('customers.getSubscription', {
        subscription: { ...subscription, pending_change: { type: 'downgrade' } },
      }),
    ).toEqual([
      {
        path: 'subscription.pending_change.effective_at',
        expected: 'string | null',
        got: 'nothing (missing)',
      },
    ]);
  });

  it('refuses a shape the SDK does not declare', () => {
    expect(() => publishedShapeErrors('RestWallet', {})).toThrow(
      /declares no shape named RestWallet/,
    );
  });
});

describe('expectPublishedShape', () => {
  it('passes a matching value and throws for another, naming each field at fault', () => {
    expect(() => expectPublishedShape('customers.retrieve', customer)).not.toThrow();
    expect(() =>
      expectPublishedShape('customers.retrieve', {
        ...customer,
        contact: { phone: null, email: null, first_name: 'Ada', last_name: null },
      }),
    ).toThrow(
      [
        'Lava Checkout: this value is not the customers.retrieve (RestCustomer) that @lavapayments/nodejs@11.2.0 declares. Fix these fields:',
        '  contact.phone: expected string, got null',
        '  contact.email: expected string, got null',
        '  contact.last_name: expected string, got null',
      ].join('\n'),
    );
  });
});
