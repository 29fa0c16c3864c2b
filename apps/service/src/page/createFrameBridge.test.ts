import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFrameBridge } from './createFrameBridge.ts';

const ORIGIN = 'http://localhost:4000';
const SID = 'cs_test_01KK2NQPK7CXRHEW42Z4X4M06R';
const CID = 'con_test_01KK2NQPKARMY7D3HK65C2ZSYK';
const NONCE = 'AAAAAAAAAAAAAAAAAAAAAA';

/** A frame's window whose parent records what it is sent, and whose messages the test sends. */
function frameWindow() {
  const parent = { postMessage: vi.fn() };
  let listener: ((event: MessageEvent) => void) | undefined;
  const win = {
    parent,
    addEventListener: (_: string, l: (event: MessageEvent) => void) => {
      listener = l;
    },
    removeEventListener: () => {
      listener = undefined;
    },
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
  } as unknown as Window;
  /** Delivers a message event to the frame, as the browser would. */
  const deliver = (event: {
    source: unknown;
    origin: string;
    data: unknown;
    ports?: MessagePort[];
  }) => listener?.({ ports: [], ...event } as unknown as MessageEvent);
  /** The parent's hello, with a port whose other end collects what the frame sends. */
  const hello = (
    from: { source?: unknown; origin?: string } = {},
    extra: Record<string, unknown> = {},
  ) => {
    const channel = new MessageChannel();
    const received: unknown[] = [];
    channel.port1.onmessage = (event) => received.push(event.data);
    deliver({
      source: from.source ?? parent,
      origin: from.origin ?? ORIGIN,
      data: { v: 1, type: 'lava:hello', nonce: NONCE, ...extra },
      ports: [channel.port2],
    });
    return {
      received,
      /** Sends from the SDK's end of the port. */
      send: (data: unknown) => channel.port1.postMessage(data),
      close: () => channel.port1.close(),
    };
  };
  return { win, parent, hello };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

beforeEach(() => {
  vi.useRealTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createFrameBridge, given an SDK that sends hello', () => {
  it('answers ready over the port, then reports steps and one success', async () => {
    const { win, parent, hello } = frameWindow();
    const bridge = createFrameBridge({ window: win, originUrl: ORIGIN, checkoutSessionId: SID });
    bridge.step('phone');
    const port = hello();
    bridge.step('code');
    bridge.success(CID);
    bridge.success(CID);
    bridge.cancel();
    await vi.waitFor(() =>
      expect(port.received).toEqual([
        { v: 1, type: 'lava:ready', nonce: NONCE, checkoutSessionId: SID },
        { v: 1, type: 'lava:step', nonce: NONCE, step: 'phone' },
        { v: 1, type: 'lava:step', nonce: NONCE, step: 'code' },
        { v: 1, type: 'lava:success', nonce: NONCE, checkoutSessionId: SID, customerId: CID },
      ]),
    );
    expect(bridge.mode()).toBe('connected');
    expect(parent.postMessage).not.toHaveBeenCalled();
    port.close();
  });

  it.each([
    ['another origin', { origin: 'http://127.0.0.1:9999' }],
    ['a lookalike origin', { origin: 'http://localhost:40000' }],
    ['another window', { source: {} }],
  ])('ignores a hello from %s', async (_, from) => {
    const { win, hello } = frameWindow();
    const bridge = createFrameBridge({ window: win, originUrl: ORIGIN, checkoutSessionId: SID });
    const port = hello(from);
    bridge.success(CID);
    await settle();
    expect(port.received).toEqual([]);
    expect(bridge.mode()).toBe('pending');
    bridge.dispose();
    port.close();
  });
});

/**
 * A bridge in a frame whose parent has not said hello: it falls back to the legacy messages after
 * 10 ms, unless `standalone`.
 */
const unansweredBridge = ({ standalone = false } = {}) => {
  const { win, parent, hello } = frameWindow();
  const bridge = createFrameBridge({
    window: win,
    originUrl: ORIGIN,
    checkoutSessionId: SID,
    legacyAfterMs: 10,
    ...(standalone ? { standalone } : {}),
  });
  return { bridge, parent, hello };
};

describe('createFrameBridge, given no handshake', () => {
  it('falls back to the legacy messages, posted only to the session origin', async () => {
    const { bridge, parent } = unansweredBridge();
    await vi.waitFor(() => expect(bridge.mode()).toBe('legacy'));
    bridge.success(CID);
    bridge.success(CID);
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
    expect(parent.postMessage).toHaveBeenCalledWith(
      { type: 'lava_checkout_success', checkoutSessionId: SID, connectionId: CID, customerId: CID },
      ORIGIN,
    );
  });

  it('answers a button back to the merchant after an error with the legacy cancel, once, to the session origin', async () => {
    const { bridge, parent } = unansweredBridge();
    await vi.waitFor(() => expect(bridge.mode()).toBe('legacy'));
    bridge.error('session_expired');
    bridge.requestClose();
    bridge.requestClose();
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
    expect(parent.postMessage).toHaveBeenCalledWith(
      { type: 'lava_checkout_cancel', checkoutSessionId: SID },
      ORIGIN,
    );
  });

  it('still reports an error over a handshake that arrives after the fallback', async () => {
    const { bridge, parent, hello } = unansweredBridge();
    bridge.error('session_expired');
    await vi.waitFor(() => expect(bridge.mode()).toBe('legacy'));
    expect(parent.postMessage).not.toHaveBeenCalled();
    const port = hello();
    await vi.waitFor(() =>
      expect(port.received).toEqual([
        { v: 1, type: 'lava:ready', nonce: NONCE, checkoutSessionId: SID },
        { v: 1, type: 'lava:error', nonce: NONCE, checkoutSessionId: SID, code: 'session_expired' },
      ]),
    );
    port.close();
  });
});

describe('createFrameBridge, connected to an SDK', () => {
  it('cancels when the SDK asks to close', async () => {
    const { win, hello } = frameWindow();
    const bridge = createFrameBridge({ window: win, originUrl: ORIGIN, checkoutSessionId: SID });
    const port = hello();
    port.send({ v: 1, type: 'lava:close', nonce: NONCE });
    await vi.waitFor(() =>
      expect(port.received.at(-1)).toEqual({
        v: 1,
        type: 'lava:cancel',
        nonce: NONCE,
        checkoutSessionId: SID,
      }),
    );
    port.close();
    bridge.dispose();
  });

  it('refuses to close while the payment is processing, and stays open', async () => {
    const { win, hello } = frameWindow();
    const bridge = createFrameBridge({ window: win, originUrl: ORIGIN, checkoutSessionId: SID });
    const port = hello();
    bridge.step('processing');
    port.send({ v: 1, type: 'lava:close', nonce: NONCE });
    port.send({ v: 1, type: 'lava:close', nonce: 'B'.repeat(22) });
    await vi.waitFor(() =>
      expect(port.received.at(-1)).toEqual({ v: 1, type: 'lava:close-refused', nonce: NONCE }),
    );
    expect(port.received).toHaveLength(3);
    bridge.success(CID);
    await vi.waitFor(() =>
      expect(port.received.at(-1)).toMatchObject({ type: 'lava:success', customerId: CID }),
    );
    port.close();
    bridge.dispose();
  });

  it('tells focus listeners where focus enters', async () => {
    const { win, hello } = frameWindow();
    const bridge = createFrameBridge({ window: win, originUrl: ORIGIN, checkoutSessionId: SID });
    const entered = vi.fn();
    bridge.onFocusEnter(entered);
    const port = hello();
    port.send({ v: 1, type: 'lava:focus', nonce: NONCE, edge: 'last' });
    await vi.waitFor(() => expect(entered).toHaveBeenCalledWith('last'));
    port.close();
    bridge.dispose();
  });

  it('reports the height known before the hello, then each change, and Escape and focus exits', async () => {
    const { win, hello } = frameWindow();
    const bridge = createFrameBridge({ window: win, originUrl: ORIGIN, checkoutSessionId: SID });
    bridge.resize(400.2);
    bridge.requestClose();
    bridge.focusExit('backward');
    const port = hello();
    bridge.resize(401);
    bridge.resize(520);
    bridge.requestClose();
    bridge.focusExit('forward');
    await vi.waitFor(() =>
      expect(port.received.slice(1)).toEqual([
        { v: 1, type: 'lava:resize', nonce: NONCE, height: 401 },
        { v: 1, type: 'lava:resize', nonce: NONCE, height: 520 },
        { v: 1, type: 'lava:close-request', nonce: NONCE },
        { v: 1, type: 'lava:focus-exit', nonce: NONCE, direction: 'forward' },
      ]),
    );
    port.close();
    bridge.dispose();
  });

  it('keeps the checked appearance and locale, and logs one error for a refused value', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { win, hello } = frameWindow();
    const bridge = createFrameBridge({ window: win, originUrl: ORIGIN, checkoutSessionId: SID });
    expect(bridge.appearance()).toBeNull();
    const port = hello(
      {},
      {
        appearance: { theme: 'dark', variables: { colorPrimary: 'url(https://evil.example/)' } },
        locale: 'de-de',
      },
    );
    expect(bridge.appearance()).toEqual({ theme: 'dark', variables: {} });
    expect(bridge.locale()).toBe('de-DE');
    expect(error).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Lava Checkout: appearance\.variables\.colorPrimary must not contain "url\("/,
      ),
    );
    error.mockRestore();
    port.close();
    bridge.dispose();
  });
});

describe('createFrameBridge on the standalone page', () => {
  it('talks to nobody: no handshake, no legacy messages, whatever arrives', async () => {
    const { bridge, parent, hello } = unansweredBridge({ standalone: true });
    expect(bridge.mode()).toBe('standalone');
    const port = hello();
    bridge.step('phone');
    bridge.success(CID);
    bridge.requestClose();
    await settle();
    expect(bridge.mode()).toBe('standalone');
    expect(port.received).toEqual([]);
    expect(parent.postMessage).not.toHaveBeenCalled();
    bridge.dispose();
    port.close();
  });
});
