import {
  type CloseMessage,
  createNonce,
  type FocusMessage,
  type FrameMessage,
  type HelloMessage,
  MESSAGE_TYPE,
  PROTOCOL_VERSION,
  parseFrameMessage,
} from '@lava-checkout/protocol';
import type { Frame } from '../createFrame.ts';
import type { CheckoutOptions } from '../types.ts';
import { checkFrameOptions } from './checkFrameOptions.ts';
import { styleFrame } from './mountOverlay.ts';

/**
 * The handshake, on each load of the frame's page: with the checked appearance and locale,
 * sends `hello` with a fresh port and the frame's nonce (made on its first load) to the
 * exact origin of the token's base. Messages count only when they arrive on that port, parse,
 * and carry the nonce; the frame's close and focus requests go out on it. (In the overlay's
 * chunk: nothing here is needed before the page loads.)
 */
export function connectFrame(
  frame: Frame,
  options: Pick<CheckoutOptions, 'appearance' | 'locale'>,
  reported: Set<string>,
  onMessage: (message: FrameMessage) => void,
): void {
  checkFrameOptions(frame, options, reported);
  styleFrame(frame);
  const { appearance, locale } = frame;
  frame.nonce ||= createNonce();
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
  const send = (message: Omit<CloseMessage, 'v' | 'nonce'> | Omit<FocusMessage, 'v' | 'nonce'>) =>
    frame.port?.postMessage({ v: PROTOCOL_VERSION, nonce: frame.nonce, ...message });
  frame.requestClose = () => send({ type: MESSAGE_TYPE.close });
  frame.enter = (edge) => {
    frame.iframe.focus();
    send({ type: MESSAGE_TYPE.focus, edge });
  };
}
