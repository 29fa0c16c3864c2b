import { useI18n } from './i18n/I18nContext.ts';

/** While a payment is processed: a spinner and its words, read out as a status. */
export function Processing() {
  const { t } = useI18n();
  return (
    <p role="status" className="processing">
      <span className="spinner" aria-hidden="true" />
      {t.payment.processing}
    </p>
  );
}
