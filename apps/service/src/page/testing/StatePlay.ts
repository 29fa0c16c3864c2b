import type { within } from 'storybook/test';
import type { createI18n } from '../i18n/createI18n.ts';

/**
 * What a page's state does in its story, in the variant's language: given the canvas, the
 * story's fakes (`Args`) and the language's words, with whatever more a page adds (`More`).
 */
export type StatePlay<Args, More = unknown> = (
  context: {
    canvas: ReturnType<typeof within>;
    args: Args;
    i18n: ReturnType<typeof createI18n>;
  } & More,
) => Promise<void>;
