import { type FrameMessage, MESSAGE_TYPE } from '@lava-checkout/protocol';
import type { Session, SessionHost } from '../Session.ts';

/**
 * What a verified message from the frame does to its checkout. (In the overlay's chunk: the
 * frame can only speak after the handshake, which that chunk makes.) A preloaded, hidden
 * checkout keeps what it learns and reports it when it is opened.
 */
export function receiveFrameMessage(host: SessionHost, s: Session, message: FrameMessage): void {
  if (s.removed) return;
  // An ended checkout hears nothing more, except the page asking to close the overlay it keeps
  // open on an error (the customer read why, and goes back).
  if (s.settled && message.type !== MESSAGE_TYPE.closeRequest) return;
  switch (message.type) {
    case MESSAGE_TYPE.ready:
      clearTimeout(s.timer);
      s.sid = message.checkoutSessionId;
      if (s.view.status === 'loading') {
        s.view = { status: 'ready', checkoutSessionId: s.sid, step: null, closeRefused: false };
        host.publish(s);
        if (s.shown) host.call('onReady', { checkoutSessionId: s.sid });
      }
      s.answered(true);
      return;
    case MESSAGE_TYPE.step:
      if (s.view.status !== 'ready') return;
      s.view = { ...s.view, step: message.step, closeRefused: false };
      host.publish(s);
      if (s.shown) host.call('onStepChange', { checkoutSessionId: s.sid, step: message.step });
      return;
    case MESSAGE_TYPE.success:
      clearTimeout(s.endTimer);
      s.sid = message.checkoutSessionId;
      s.view = { status: 'success', checkoutSessionId: s.sid, customerId: message.customerId };
      host.publish(s);
      if (s.shown) host.succeed(s);
      return;
    case MESSAGE_TYPE.cancel:
      s.sid = message.checkoutSessionId ?? s.sid;
      if (s.shown) host.finish(s, { status: 'cancel', checkoutSessionId: s.sid });
      else host.dismiss(s);
      return;
    case MESSAGE_TYPE.error: {
      s.sid = message.checkoutSessionId ?? s.sid;
      const error = {
        code: message.code,
        message: `Lava Checkout: the checkout session cannot be used (${message.code}). Mint a new session on your server and open it.`,
      };
      if (s.shown) host.finish(s, { status: 'error', checkoutSessionId: s.sid, error });
      else s.view = { status: 'failed', checkoutSessionId: s.sid, error };
      return;
    }
    case MESSAGE_TYPE.resize:
      s.frame.iframe.style.height = `${message.height}px`;
      return;
    case MESSAGE_TYPE.closeRequest:
      if (host.isActive(s)) host.close();
      return;
    case MESSAGE_TYPE.closeRefused:
      clearTimeout(s.endTimer);
      s.closing = false;
      if (s.view.status !== 'ready') return;
      s.view = { ...s.view, closeRefused: true };
      host.publish(s);
      return;
    case MESSAGE_TYPE.focusExit:
      s.overlay?.focusClose();
      return;
    default:
      message satisfies never;
  }
}
