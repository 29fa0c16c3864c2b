import { phoneMetadataFor } from '../../server/verification/phoneMetadataFor.ts';
import type { PageBootstrap } from '../../shared/PageBootstrap.ts';
import { FAKE_CARD_ON_FILE, FAKE_SESSION_ID } from './createFakeApi.ts';

type ActiveBootstrap = Extract<PageBootstrap, { status: 'active' }>;

const MINUTE = 60_000;

type Offer = ActiveBootstrap['offer'];

/** The development plan (the seeds' Pro Plan) with its one meter, as a session offers it. */
export const FAKE_PLAN_OFFER: Extract<Offer, { kind: 'subscription' }> = {
  kind: 'subscription',
  planName: 'Pro Plan',
  price: '49.00',
  billingInterval: 'month',
  includedCredit: '25.00',
  meters: [
    {
      name: 'AI Chat Tokens',
      tierType: 'tokens_1m',
      rateType: 'fixed',
      tiers: [{ start: '0', rate: '3.00' }],
    },
  ],
  renewsAt: '2026-12-22T12:00:00.000Z',
};

/** The plan's "$25 Top-up" credit bundle, as a session offers it. */
export const FAKE_BUNDLE_OFFER: Extract<Offer, { kind: 'credit_bundle' }> = {
  kind: 'credit_bundle',
  bundleName: '$25 Top-up',
  price: '25.00',
  credits: '25.00',
  planName: 'Pro Plan',
};

/** A small square mark, inline so stories need no server: what a merchant's logo URL loads. */
const ACME_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#ff5a1f"/><path d="M18 48 32 14l14 34h-8l-3-8h-6l-3 8z" fill="#fff"/></svg>',
)}`;

/** A merchant that set its whole brand: name, logo, support address, terms and privacy. */
export const FAKE_BRAND: ActiveBootstrap['merchant'] = {
  name: 'Acme AI',
  logoUrl: ACME_LOGO,
  termsUrl: 'https://acme.example.com/terms',
  privacyUrl: 'https://acme.example.com/privacy',
  supportEmail: 'support@acme.example.com',
};

/** A merchant that set nothing but its name. */
export const FAKE_UNBRANDED: ActiveBootstrap['merchant'] = {
  name: 'Lava Demo Merchant',
  logoUrl: null,
  termsUrl: null,
  privacyUrl: null,
  supportEmail: null,
};

/**
 * A session's bootstrap as the service writes it for the development plan (the seeds' Pro
 * Plan), at `step`, with the service's default countries (the US and Canada).
 */
export function fakeBootstrap(
  step: ActiveBootstrap['step'] = 'phone',
  overrides: Partial<ActiveBootstrap> = {},
): ActiveBootstrap {
  return {
    status: 'active',
    checkoutSessionId: FAKE_SESSION_ID,
    originUrl: 'http://localhost:4000',
    testMode: true,
    processor: { kind: 'test' },
    merchant: {
      name: 'Lava Demo Merchant',
      logoUrl: null,
      termsUrl: 'https://example.com/terms',
      privacyUrl: 'https://example.com/privacy',
      supportEmail: null,
    },
    offer: FAKE_PLAN_OFFER,
    returning: null,
    phoneInput: { countries: ['US', 'CA'], metadata: phoneMetadataFor(['US', 'CA']) },
    step,
    phone: step === 'code' ? '+1 415 555 0100' : null,
    cardOnFile: null,
    idleAfterMs: 15 * MINUTE,
    idleInMs: 15 * MINUTE,
    expiresInMs: 60 * MINUTE,
    ...overrides,
  };
}

/** A subscriber's credit bundle session: the "$25 Top-up" of the plan, texted to the phone on file. */
export function fakeBundleBootstrap(
  step: ActiveBootstrap['step'] = 'phone',
  overrides: Partial<ActiveBootstrap> = {},
): ActiveBootstrap {
  return fakeBootstrap(step, {
    offer: FAKE_BUNDLE_OFFER,
    returning: { phoneLast4: '0100' },
    phoneInput: null,
    phone: step === 'code' ? '•••• 0100' : null,
    cardOnFile: step === 'payment' ? FAKE_CARD_ON_FILE : null,
    ...overrides,
  });
}
