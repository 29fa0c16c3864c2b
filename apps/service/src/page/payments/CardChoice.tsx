import { useI18n } from '../i18n/I18nContext.ts';

export interface CardChoiceProps {
  /** The card on file as the customer reads it (`cardLabel`). */
  cardOnFile: string;
  onFile: boolean;
  onChange: (onFile: boolean) => void;
}

/** Pay with the card on file (first) or a new card: two radios in a group named "Pay with". */
export function CardChoice({ cardOnFile, onFile, onChange }: CardChoiceProps) {
  const { t } = useI18n();
  return (
    <fieldset className="choices">
      <legend>{t.payment.payWith}</legend>
      <label className="choice">
        <input type="radio" name="card" checked={onFile} onChange={() => onChange(true)} />
        {cardOnFile}
      </label>
      <label className="choice">
        <input type="radio" name="card" checked={!onFile} onChange={() => onChange(false)} />
        {t.payment.newCard}
      </label>
    </fieldset>
  );
}
