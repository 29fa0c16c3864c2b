import type { ProcessorPageConfig } from '../../shared/PageBootstrap.ts';
import type { CardFieldsInput, TokenizeResult } from './CardTokenizer.ts';
import { tokenizeTestCard } from './tokenizeTestCard.ts';

/** The page side of the session's payment processor: card fields in, a payment method out. */
export function createCardTokenizer(
  processor: ProcessorPageConfig,
): (fields: CardFieldsInput) => Promise<TokenizeResult> {
  switch (processor.kind) {
    case 'test':
      return async (fields) => tokenizeTestCard(fields, new Date());
    case 'stripe':
      return async () => ({
        ok: false,
        field: 'number',
        message: 'This checkout cannot take cards at the moment. Try again later.',
      });
    default:
      return processor satisfies never;
  }
}
