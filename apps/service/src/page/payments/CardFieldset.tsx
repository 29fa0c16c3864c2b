import { useI18n } from '../i18n/I18nContext.ts';
import { CardChoice } from './CardChoice.tsx';
import { cardLabel } from './cardLabel.ts';
import { NewCardFields } from './NewCardFields.tsx';
import type { useCardFields } from './useCardFields.ts';

export interface CardFieldsetProps {
  /** The form's `useCardFields`: its processor, its card on file and the choice of it. */
  card: ReturnType<typeof useCardFields>;
  /** In test mode a hint names the test cards. */
  testMode: boolean;
  /** While the form's request runs: every field disabled. */
  disabled: boolean;
}

/**
 * A payment form's card: the test cards' hint in test mode, the choice of the card on file (first)
 * or a new one when there is a card on file, and the new card's fields unless the card on file is
 * chosen.
 */
export function CardFieldset({ card, testMode, disabled }: CardFieldsetProps) {
  const i18n = useI18n();
  return (
    <>
      {testMode ? <p className="hint">{i18n.t.payment.testCards}</p> : null}
      <fieldset className="plain" disabled={disabled}>
        {card.cardOnFile ? (
          <CardChoice
            cardOnFile={cardLabel(i18n, card.cardOnFile)}
            onFile={card.onFile}
            onChange={card.setOnFile}
          />
        ) : null}
        {card.onFile ? null : (
          <NewCardFields
            card={card}
            processor={card.processor}
            disabled={disabled}
            loadStripe={card.loadStripe}
          />
        )}
      </fieldset>
    </>
  );
}
