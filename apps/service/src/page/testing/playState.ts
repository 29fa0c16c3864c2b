import { within } from 'storybook/test';
import { createI18n, type Language } from '../i18n/createI18n.ts';
import type { StatePlay } from './StatePlay.ts';

/** A story's `play` that runs a state's `play` in `lang`, with what more the page gives it. */
export const playState =
  <Args, More>(play: StatePlay<Args, More>, lang: Language, more: More) =>
  ({ canvasElement, args }: { canvasElement: HTMLElement; args: unknown }) =>
    play({ canvas: within(canvasElement), args: args as Args, i18n: createI18n(lang), ...more });
