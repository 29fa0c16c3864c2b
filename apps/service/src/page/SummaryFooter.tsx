import type { PageBootstrap } from '../shared/PageBootstrap.ts';
import { useI18n } from './i18n/I18nContext.ts';

type Merchant = Extract<PageBootstrap, { status: 'active' }>['merchant'];

/** The merchant's terms and privacy pages, when configured, and a quiet word on who runs this. */
export function SummaryFooter({ merchant }: { merchant: Merchant }) {
  const { t } = useI18n();
  return (
    <footer className="footer">
      <p>{t.summary.secured}</p>
      {merchant.termsUrl || merchant.privacyUrl ? (
        <p className="links">
          {merchant.termsUrl ? (
            <a href={merchant.termsUrl} target="_blank" rel="noopener noreferrer">
              {t.summary.terms}
            </a>
          ) : null}
          {merchant.privacyUrl ? (
            <a href={merchant.privacyUrl} target="_blank" rel="noopener noreferrer">
              {t.summary.privacy}
            </a>
          ) : null}
        </p>
      ) : null}
    </footer>
  );
}
