import type { AccountPayment } from '../../shared/accountContract.ts';
import { useI18n } from '../i18n/I18nContext.ts';
import { cardLabel } from '../payments/cardLabel.ts';
import { Screen } from './Screen.tsx';
import { useAccountMessages } from './useAccountMessages.ts';

export interface ReceiptScreenProps {
  payment: AccountPayment;
  merchantName: string;
  onBack: () => void;
}

/** One payment's receipt: who was paid, for what, how much, when and with which card. */
export function ReceiptScreen({ payment, merchantName, onBack }: ReceiptScreenProps) {
  const i18n = useI18n();
  const t = useAccountMessages();
  return (
    <Screen title={t.payments.receipt} onBack={onBack}>
      <dl className="receipt">
        <dt>{t.payments.merchant}</dt>
        <dd>{merchantName}</dd>
        <dt>{t.payments.for}</dt>
        <dd>
          {payment.description} ({t.payments.kind[payment.kind]})
        </dd>
        <dt>{t.payments.amount}</dt>
        <dd>{i18n.money(payment.amount)}</dd>
        <dt>{t.payments.paidOn}</dt>
        <dd>{i18n.date(payment.created_at)}</dd>
        {payment.card ? (
          <>
            <dt>{t.payments.card}</dt>
            <dd>{cardLabel(i18n, payment.card)}</dd>
          </>
        ) : null}
        <dt>{t.payments.number}</dt>
        <dd>
          <code>{payment.id}</code>
        </dd>
      </dl>
      <button type="button" className="secondary" onClick={() => window.print()}>
        {t.payments.print}
      </button>
    </Screen>
  );
}
