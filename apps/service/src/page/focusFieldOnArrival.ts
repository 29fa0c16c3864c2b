import type { FrameBridge } from './createFrameBridge.ts';
import { listTabbables } from './listTabbables.ts';

/**
 * Browsers ignore autofocus in a cross-origin frame that does not have focus yet. When the
 * embedding page hands focus to the frame, put it on the current step's first field, so the
 * customer can type at once; when the overlay moves focus in with Shift+Tab, on the last one.
 */
export function focusFieldOnArrival(win: Window, bridge: FrameBridge): () => void {
  const onFocus = () => {
    const doc = win.document;
    if (doc.activeElement && doc.activeElement !== doc.body) return;
    doc.querySelector<HTMLInputElement>('main input:not([disabled])')?.focus();
  };
  win.addEventListener('focus', onFocus);
  const stop = bridge.onFocusEnter((edge) => {
    const tabbables = listTabbables(win.document);
    const field = win.document.querySelector<HTMLElement>('main input:not([disabled])');
    (edge === 'last' ? tabbables.at(-1) : (field ?? tabbables[0]))?.focus();
  });
  return () => {
    win.removeEventListener('focus', onFocus);
    stop();
  };
}
