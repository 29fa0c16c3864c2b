/**
 * Browsers ignore autofocus in a cross-origin frame that does not have focus yet. When the
 * embedding page hands focus to the frame, put it on the current step's first field, so the
 * customer can type at once.
 */
export function focusFieldOnArrival(win: Window): () => void {
  const onFocus = () => {
    const doc = win.document;
    if (doc.activeElement && doc.activeElement !== doc.body) return;
    doc.querySelector<HTMLInputElement>('main input:not([disabled])')?.focus();
  };
  win.addEventListener('focus', onFocus);
  return () => win.removeEventListener('focus', onFocus);
}
