import type { Language } from '../i18n/createI18n.ts';
import type { Theme } from './themed.tsx';

/** A language and a theme a page's state is shown in. */
export interface StoryVariant {
  lang: Language;
  theme: Theme;
}

/** The variants a page's stories show a state in: English and Spanish, light and dark. */
export const STORY_VARIANTS = {
  EN: { lang: 'en', theme: 'light' },
  EN_DARK: { lang: 'en', theme: 'dark' },
  ES: { lang: 'es', theme: 'light' },
  ES_DARK: { lang: 'es', theme: 'dark' },
} as const satisfies Record<string, StoryVariant>;
