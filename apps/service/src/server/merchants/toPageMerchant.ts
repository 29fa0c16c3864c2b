import type { PageMerchant } from '../../shared/PageBootstrap.ts';
import type { Tables } from '../platform/db/Database.ts';

/** A merchant's name and brand as the checkout and account pages show them. */
export const toPageMerchant = (
  merchant: Pick<
    Tables['merchants'],
    'name' | 'logo_url' | 'terms_url' | 'privacy_url' | 'support_email'
  >,
): PageMerchant => ({
  name: merchant.name,
  logoUrl: merchant.logo_url,
  termsUrl: merchant.terms_url,
  privacyUrl: merchant.privacy_url,
  supportEmail: merchant.support_email,
});
