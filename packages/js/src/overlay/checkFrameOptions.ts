import {
  describeAppearanceProblems,
  validateAppearance,
  validateLocale,
} from '@lava-checkout/protocol';
import type { Frame } from '../createFrame.ts';
import type { CheckoutOptions } from '../types.ts';

/**
 * Checks a frame's appearance and locale once, the first time the overlay's chunk needs them
 * (the handshake or the overlay, whichever comes first), and reports what it refuses once per
 * controller: a merchant opening often should not flood the console.
 */
export function checkFrameOptions(
  frame: Frame,
  options: Pick<CheckoutOptions, 'appearance' | 'locale'>,
  reported: Set<string>,
): void {
  if (frame.locale !== undefined) return;
  const report = (message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    console.error(message);
  };
  const { appearance, problems } = validateAppearance(options.appearance);
  if (problems.length > 0) report(describeAppearanceProblems(problems));
  frame.appearance = appearance;
  frame.locale = options.locale === undefined ? null : validateLocale(options.locale);
  if (options.locale !== undefined && !frame.locale) {
    report(
      `Lava Checkout: the locale ${JSON.stringify(options.locale)} is not a BCP 47 language tag, so the page uses its default language. Pass a tag such as "en-US".`,
    );
  }
}
