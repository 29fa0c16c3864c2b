import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckout } from './createCheckout.ts';
import type { CheckoutCallbacks } from './types.ts';

const BASE = 'https://checkout.example.com/';
const SECRET = 'css_test_abcdefghijklmnop.qrstuvwxyz';
const TOKEN = encodeCheckoutToken({ secret: SECRET, base: BASE });
const SID = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CID = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';

/** Plays the checkout frame: captures the hello and answers over the transferred port. */
function fakeFrame() {
  const listeners: (() => void)[] = [];
  const hellos: {
    message: { nonce: string; type: string };
    targetOrigin: string;
    port: MessagePort;
  }[] = [];
  const iframe = {
    addEventListener: (_: 'load', listener: () => void) => listeners.push(listener),
    removeEventListener: () => {},
    contentWindow: {
      postMessage: (
        message: { nonce: string; type: string },
        targetOrigin: string,
        transfer: MessagePort[],
      ) => {
        hellos.push({ message, targetOrigin, port: transfer[0]! });
      },
    },
  } as unknown as HTMLIFrameElement;
  const frame = {
    iframe,
    load: () => {
      for (const listener of listeners) listener();
      return hellos.at(-1)!;
    },
    hellos,
    /** Sends from the frame and waits for the port to deliver it. */
    async send(data: unknown) {
      hellos.at(-1)!.port.postMessage(data);
      await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
  return frame;
}

type Callbacks = Required<CheckoutCallbacks>;
const newCallbacks = () => ({
  onSuccess: vi.fn<Callbacks['onSuccess']>(),
  onCancel: vi.fn<Callbacks['onCancel']>(),
  onError: vi.fn<Callbacks['onError']>(),
});
let callbacks: ReturnType<typeof newCallbacks>;
beforeEach(() => {
  callbacks = newCallbacks();
});
afterEach(() => {
  vi.useRealTimers();
});

async function openReady() {
  const checkout = createCheckout(callbacks);
  const result = checkout.open(TOKEN);
  const frame = fakeFrame();
  checkout.attachFrame(frame.iframe);
  const { message } = frame.load();
  await frame.send({ v: 1, type: 'lava:ready', nonce: message.nonce, checkoutSessionId: SID });
  return { checkout, result, frame, nonce: message.nonce };
}

describe('createCheckout, given a token', () => {
  it('shows the frame at base + embed/checkout/secret while it loads', () => {
    const checkout = createCheckout(callbacks);
    void checkout.open(TOKEN);
    expect(checkout.getState()).toEqual({
      status: 'loading',
      frameUrl: `${BASE}embed/checkout/${SECRET}`,
      origin: 'https://checkout.example.com',
      openId: 1,
    });
  });

  it('sends hello with a fresh nonce to the exact origin of base, with a port', () => {
    const checkout = createCheckout(callbacks);
    void checkout.open(TOKEN);
    const frame = fakeFrame();
    checkout.attachFrame(frame.iframe);
    const hello = frame.load();
    expect(hello.targetOrigin).toBe('https://checkout.example.com');
    expect(hello.message).toEqual({
      v: 1,
      type: 'lava:hello',
      nonce: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
    });
    expect(hello.port).toBeInstanceOf(MessagePort);
  });

  it('becomes ready on ready, then follows the steps', async () => {
    const { checkout, frame, nonce } = await openReady();
    expect(checkout.getState()).toMatchObject({
      status: 'ready',
      checkoutSessionId: SID,
      step: null,
    });
    await frame.send({ v: 1, type: 'lava:step', nonce, step: 'code' });
    expect(checkout.getState()).toMatchObject({ status: 'ready', step: 'code' });
  });

  it('on success closes, resolves open() and calls onSuccess once, in that order', async () => {
    const { checkout, result, frame, nonce } = await openReady();
    const order: string[] = [];
    callbacks.onSuccess.mockImplementation(() =>
      order.push(`callback with state ${checkout.getState().status}`),
    );
    void result.then(() => order.push('resolved'));
    await frame.send({
      v: 1,
      type: 'lava:success',
      nonce,
      checkoutSessionId: SID,
      customerId: CID,
    });
    await frame.send({
      v: 1,
      type: 'lava:success',
      nonce,
      checkoutSessionId: SID,
      customerId: CID,
    });
    expect(await result).toEqual({
      status: 'success',
      checkoutSessionId: SID,
      customerId: CID,
      connectionId: CID,
    });
    expect(callbacks.onSuccess).toHaveBeenCalledTimes(1);
    expect(callbacks.onSuccess).toHaveBeenCalledWith({
      checkoutSessionId: SID,
      customerId: CID,
      connectionId: CID,
    });
    expect(order).toEqual(['callback with state closed', 'resolved']);
    expect(callbacks.onCancel).not.toHaveBeenCalled();
  });

  it('ignores messages with another nonce, malformed ones, and null', async () => {
    const { checkout, frame } = await openReady();
    await frame.send({
      v: 1,
      type: 'lava:success',
      nonce: 'B'.repeat(22),
      checkoutSessionId: SID,
      customerId: CID,
    });
    await frame.send(null);
    await frame.send({ type: 'lava_checkout_success', connectionId: CID });
    await frame.send({
      v: 1,
      type: 'lava:success',
      nonce: frame.hellos[0]!.message.nonce,
      checkoutSessionId: SID,
      customerId: 'attacker',
    });
    expect(callbacks.onSuccess).not.toHaveBeenCalled();
    expect(checkout.getState().status).toBe('ready');
  });

  it('reports a session error once and keeps the overlay until it is closed', async () => {
    const { checkout, result, frame, nonce } = await openReady();
    await frame.send({
      v: 1,
      type: 'lava:error',
      nonce,
      checkoutSessionId: SID,
      code: 'session_expired',
    });
    expect(await result).toMatchObject({ status: 'error', error: { code: 'session_expired' } });
    expect(callbacks.onError).toHaveBeenCalledWith({
      checkoutSessionId: SID,
      error: {
        code: 'session_expired',
        message: expect.stringMatching(/^Lava Checkout: .+ Mint a new session/),
      },
    });
    expect(checkout.getState().status).toBe('failed');
    checkout.close();
    expect(checkout.getState().status).toBe('closed');
    expect(callbacks.onCancel).not.toHaveBeenCalled();
  });

  it('ends as cancel when closed before the end, once', async () => {
    const { checkout, result } = await openReady();
    checkout.close();
    checkout.close();
    expect(await result).toEqual({ status: 'cancel', checkoutSessionId: SID });
    expect(callbacks.onCancel).toHaveBeenCalledTimes(1);
    expect(checkout.getState().status).toBe('closed');
  });

  it('reports frame_unreachable when the page never answers the handshake', async () => {
    vi.useFakeTimers();
    const checkout = createCheckout({ ...callbacks, handshakeTimeoutMs: 5000 });
    const result = checkout.open(TOKEN);
    vi.advanceTimersByTime(4999);
    expect(callbacks.onError).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(await result).toMatchObject({ status: 'error', error: { code: 'frame_unreachable' } });
    expect(callbacks.onError.mock.calls[0]![0].error.message).toMatch(
      /frame-src https:\/\/checkout\.example\.com/,
    );
  });

  it('keeps the open checkout when open() is called again, and warns', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { checkout, result } = await openReady();
    expect(checkout.open(TOKEN)).toBe(result);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(/^Lava Checkout: open\(\) was called while a checkout is open/),
    );
    expect(checkout.getState().status).toBe('ready');
    warn.mockRestore();
  });

  it('gives a reopened token a new frame and a new nonce after a failure', async () => {
    vi.useFakeTimers();
    const checkout = createCheckout({ ...callbacks, handshakeTimeoutMs: 1000 });
    void checkout.open(TOKEN);
    const first = checkout.getState();
    vi.advanceTimersByTime(1000);
    expect(checkout.getState().status).toBe('failed');
    void checkout.open(TOKEN);
    const second = checkout.getState();
    expect(second.status).toBe('loading');
    expect(
      second.status !== 'closed' && first.status !== 'closed' && second.openId !== first.openId,
    ).toBe(true);
    const frame = fakeFrame();
    checkout.attachFrame(frame.iframe);
    expect(frame.load().message.type).toBe('lava:hello');
  });

  it('opens again after a checkout ended', async () => {
    const { checkout } = await openReady();
    checkout.close();
    void checkout.open(TOKEN);
    expect(checkout.getState().status).toBe('loading');
  });

  it('survives a callback that throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    callbacks.onCancel.mockImplementation(() => {
      throw new Error('merchant bug');
    });
    const { checkout, result } = await openReady();
    checkout.close();
    expect(await result).toMatchObject({ status: 'cancel' });
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});

describe('createCheckout, given a bad token', () => {
  it.each([
    ['a javascript: base', encodeCheckoutToken({ secret: SECRET, base: 'javascript:alert(1)//' })],
    ['a data: base', encodeCheckoutToken({ secret: SECRET, base: 'data:text/html,hi/' })],
    [
      'plain http on the internet',
      encodeCheckoutToken({ secret: SECRET, base: 'http://evil.example/' }),
    ],
    ['garbage', 'not a token'],
  ])('calls onError with invalid_token for %s and shows nothing', async (_, token) => {
    const checkout = createCheckout(callbacks);
    const result = await checkout.open(token);
    expect(result).toMatchObject({
      status: 'error',
      checkoutSessionId: null,
      error: { code: 'invalid_token' },
    });
    expect(callbacks.onError).toHaveBeenCalledWith({
      checkoutSessionId: null,
      error: { code: 'invalid_token', message: expect.stringMatching(/^Lava Checkout: /) },
    });
    expect(callbacks.onError.mock.calls[0]![0].error.message).not.toContain(token);
    expect(checkout.getState()).toEqual({ status: 'closed' });
  });
});
