import { encodeCheckoutToken } from '@lava-checkout/protocol';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScriptTagApi, type ScriptTagApi } from './createScriptTagApi.ts';

const ORIGIN = window.location.origin;
const TOKEN = encodeCheckoutToken({ secret: 'ready.html', base: `${ORIGIN}/` });
const OTHER = 'https://checkout.example.com';

let api: ScriptTagApi | undefined;
afterEach(() => {
  api?.close();
  api = undefined;
  document.body.replaceChildren();
});

const frames = () => document.body.querySelectorAll('lava-checkout').length;

describe("the script tag's checkout origin", () => {
  it('trusts the origin it was served from when a call names none', async () => {
    api = createScriptTagApi({ checkoutOrigin: ORIGIN });
    void api.open(TOKEN);
    expect(frames()).toBe(1);
  });

  it('trusts nothing when it cannot tell where it was served from', async () => {
    api = createScriptTagApi({});
    const onError = vi.fn();
    expect(await api.open(TOKEN, { onError })).toMatchObject({
      error: { code: 'invalid_token' },
    });
    expect(onError.mock.calls[0]?.[0].error.message).toContain('(no checkoutOrigin is set)');
    expect(frames()).toBe(0);
  });

  it("adds a call's checkoutOrigins to its own origin", async () => {
    api = createScriptTagApi({ checkoutOrigin: OTHER });
    expect(await api.preload(TOKEN, { checkoutOrigins: [ORIGIN] })).toBe(true);
  });

  it("puts a call's checkoutOrigin in place of its own origin", async () => {
    api = createScriptTagApi({ checkoutOrigin: ORIGIN });
    const onError = vi.fn();
    expect(await api.open(TOKEN, { checkoutOrigin: OTHER, onError })).toMatchObject({
      error: { code: 'invalid_token' },
    });
    expect(onError.mock.calls[0]?.[0].error.message).toContain(`does not trust (${OTHER})`);
    expect(frames()).toBe(0);
  });
});
