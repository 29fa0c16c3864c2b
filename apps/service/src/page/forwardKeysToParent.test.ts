import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeMode } from './createFrameBridge.ts';
import { forwardKeysToParent } from './forwardKeysToParent.ts';
import { createFakeBridge } from './testing/createFakeBridge.ts';

function page(mode: BridgeMode = 'connected') {
  document.body.innerHTML = `<main>
    <label>Phone number <input /></label>
    <button type="submit">Send code</button>
  </main>`;
  const bridge = { ...createFakeBridge(), mode: () => mode };
  const stop = forwardKeysToParent(window, bridge);
  return { bridge, stop };
}

const phoneField = () => screen.getByRole('textbox', { name: 'Phone number' });

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

describe('forwardKeysToParent, with an SDK connected', () => {
  it('asks to close on Escape', async () => {
    const user = userEvent.setup();
    const { bridge, stop: s } = page();
    stop = s;
    await user.click(phoneField());
    await user.keyboard('{Escape}');
    expect(bridge.requestClose).toHaveBeenCalledTimes(1);
  });

  it('hands focus back on Shift+Tab from the first field and on Tab from the last', async () => {
    const user = userEvent.setup();
    const { bridge, stop: s } = page();
    stop = s;
    const phone = phoneField();
    await user.click(phone);
    await user.tab({ shift: true });
    expect(bridge.focusExit).toHaveBeenLastCalledWith('backward');
    expect(phone).toHaveFocus();
    await user.tab();
    expect(bridge.focusExit).toHaveBeenCalledTimes(1);
    await user.tab();
    expect(bridge.focusExit).toHaveBeenLastCalledWith('forward');
  });
});

describe('forwardKeysToParent, for an older client without a handshake', () => {
  it('leaves Escape and Tab to the browser', async () => {
    const user = userEvent.setup();
    const { bridge, stop: s } = page('legacy');
    stop = s;
    await user.click(phoneField());
    await user.keyboard('{Escape}');
    await user.tab({ shift: true });
    expect(bridge.requestClose).not.toHaveBeenCalled();
    expect(bridge.focusExit).not.toHaveBeenCalled();
  });
});
