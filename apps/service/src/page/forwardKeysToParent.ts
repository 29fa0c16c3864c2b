import type { FrameBridge } from './createFrameBridge.ts';
import { listTabbables } from './listTabbables.ts';

/**
 * Keys that belong to the overlay around the page: Escape asks it to close, and Tab past the
 * last field or Shift+Tab before the first hands focus to its close button, so the dialog's
 * focus order runs through the frame. Only with an SDK connected; older clients keep the
 * browser's behaviour.
 */
export function forwardKeysToParent(win: Window, bridge: FrameBridge): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (bridge.mode() !== 'connected' || event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      bridge.requestClose();
      return;
    }
    if (event.key !== 'Tab' || event.altKey || event.ctrlKey || event.metaKey) return;
    const tabbables = listTabbables(win.document);
    const edge = event.shiftKey ? tabbables[0] : tabbables.at(-1);
    const active = win.document.activeElement;
    if (edge === undefined || active === edge) {
      event.preventDefault();
      bridge.focusExit(event.shiftKey ? 'backward' : 'forward');
    }
  };
  win.document.addEventListener('keydown', onKeyDown, true);
  return () => win.document.removeEventListener('keydown', onKeyDown, true);
}
