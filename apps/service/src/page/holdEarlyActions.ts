/** What the customer asked for before the page's code took over: a submit, or a button's click. */
export type EarlyAction = { kind: 'submit' } | { kind: 'click'; button: number };

export interface HeldActions {
  /**
   * Resolves when no key or pointer is down (at most `withinMs` later), so the controls are not
   * replaced between a press and its click. Take over in the same task as this resolves.
   */
  settled(withinMs?: number): Promise<void>;
  /** Stops holding, and returns the latest action held (or `null`) for the page to replay. */
  release(): EarlyAction | null;
}

/**
 * While the server-rendered step shows and the page's code is still loading, a form submitted
 * or a button pressed would do nothing (and `form-action 'none'` forbids the browser's own
 * submit). Holds the latest such action instead, so the page can replay it once it takes
 * over: the customer who types a number and presses Enter at once loses nothing.
 */
export function holdEarlyActions(root: Element): HeldActions {
  const doc = root.ownerDocument;
  let held: EarlyAction | null = null;
  let pressing = false;
  let onReleased: (() => void) | null = null;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    held = { kind: 'submit' };
  };
  const onClick = (event: Event) => {
    const button = (event.target as Element | null)?.closest?.('button');
    if (button?.type !== 'button' || button.disabled) return;
    held = { kind: 'click', button: [...root.querySelectorAll('button')].indexOf(button) };
  };
  const onDown = () => {
    pressing = true;
  };
  // The click (or the submit) a release makes is dispatched in the same task: after it.
  const onUp = () => {
    pressing = false;
    setTimeout(() => {
      if (!pressing) onReleased?.();
    });
  };
  const listeners = [
    ['submit', onSubmit],
    ['click', onClick],
    ['pointerdown', onDown],
    ['keydown', onDown],
    ['pointerup', onUp],
    ['pointercancel', onUp],
    ['keyup', onUp],
  ] as const;
  for (const [type, listener] of listeners) doc.addEventListener(type, listener, true);

  return {
    settled(withinMs = 1000) {
      return new Promise((resolve) => {
        if (!pressing) return resolve();
        // A pointer let go outside the frame never says so here: wait no longer than this.
        const giveUp = setTimeout(done, withinMs);
        function done() {
          clearTimeout(giveUp);
          onReleased = null;
          resolve();
        }
        onReleased = done;
      });
    },
    release() {
      for (const [type, listener] of listeners) doc.removeEventListener(type, listener, true);
      return held;
    },
  };
}
