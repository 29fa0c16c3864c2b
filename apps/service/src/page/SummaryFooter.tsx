import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import { useI18n } from './i18n/I18nContext.ts';

type Merchant = Extract<PageBootstrap, { status: 'active' }>['merchant'];

/**
 * The merchant's terms and privacy pages and support address, when set, and a quiet word on
 * who runs this. Each opens in a new tab: the page lives in the merchant's overlay, which a
 * link must not replace.
 */
export function SummaryFooter({ merchant }: { merchant: Merchant }) {
  const { t } = useI18n();
  const links = [
    merchant.termsUrl ? { href: merchant.termsUrl, label: t.summary.terms } : null,
    merchant.privacyUrl ? { href: merchant.privacyUrl, label: t.summary.privacy } : null,
    merchant.supportEmail
      ? { href: `mailto:${merchant.supportEmail}`, label: t.summary.support }
      : null,
  ].filter((link) => link !== null);
  return (
    <footer className="footer">
      <p>{t.summary.secured}</p>
      {links.length > 0 ? (
        <p className="links">
          {links.map((link) => (
            <a key={link.href} href={link.href} target="_blank" rel="noopener noreferrer">
              {link.label}
            </a>
          ))}
        </p>
      ) : null}
    </footer>
  );
}
