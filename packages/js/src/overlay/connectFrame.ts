import {
  describeAppearanceProblems,
  type FrameMessage,
  type HelloMessage,
  MESSAGE_TYPE,
  PROTOCOL_VERSION,
  parseFrameMessage,
  validateAppearance,
  validateLocale,
} from '@lava-checkout/protocol';
import type { Frame } from '../createFrame.ts';
import type { CheckoutOptions } from '../types.ts';

/**
 * The handshake, on each load of the frame's page: checks the appearance and the locale
 * (reporting, once, what it refuses), then sends `hello` with a fresh port and the nonce to the
 * exact origin of the token's base. Messages count only when they arrive on that port, parse,
 * and carry the nonce. (In the overlay's chunk: nothing here is needed before the page loads.)
 */
export function connectFrame(
  frame: Frame,
  options: Pick<CheckoutOptions, 'appearance' | 'locale'>,
  reported: Set<string>,
  onMessage: (message: FrameMessage) => void,
): void {
  /** Each problem once per controller: a merchant opening often should not flood the console. */
  const report = (message: string) => {
    if (reported.has(message)) return;
    reported.add(message);
    console.error(message);
  };
  const { appearance, problems } = validateAppearance(options.appearance);
  if (problems.length > 0) report(describeAppearanceProblems(problems));
  frame.appearance = appearance;
  const locale = options.locale === undefined ? null : validateLocale(options.locale);
  if (options.locale !== undefined && !locale) {
    report(
      `Lava Checkout: the locale ${JSON.stringify(options.locale)} is not a BCP 47 language tag, so the page uses its default language. Pass a tag such as "en-US".`,
    );
  }
  frame.port?.close();
  const channel = new MessageChannel();
  frame.port = channel.port1;
  channel.port1.onmessage = (event) => {
    const message = parseFrameMessage(event.data);
    if (message && message.nonce === frame.nonce) onMessage(message);
  };
  const hello: HelloMessage = { v: PROTOCOL_VERSION, type: MESSAGE_TYPE.hello, nonce: frame.nonce };
  if (appearance.theme || appearance.variables) hello.appearance = appearance;
  if (locale) hello.locale = locale;
  frame.iframe.contentWindow?.postMessage(hello, frame.origin, [channel.port2]);
}
