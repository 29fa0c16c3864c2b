type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** What the customer has done to a step's controls, to carry into a new rendering of it. */
export interface FormSnapshot {
  /** Each named control's value, by name. */
  readonly values: Readonly<Record<string, string>>;
  /**
   * Gives the same controls of a new rendering inside `root` the keyboard focus and the text
   * selection the old ones had. Values come in through the new rendering's own state.
   */
  restore(root: Element): void;
}

const CONTROLS = 'input[name], select[name], textarea[name]';

/** Which control or button had focus, found again by its name or its place among the buttons. */
type Focus =
  | { name: string; start: number | null; end: number | null; direction: string | null }
  | { button: number }
  | null;

/**
 * Reads the values, the focused control and the caret of the controls inside `root` (a step
 * the server rendered, which the page's code is about to replace).
 */
export function snapshotForm(root: Element): FormSnapshot {
  const values: Record<string, string> = {};
  for (const control of root.querySelectorAll<Control>(CONTROLS)) {
    values[control.name] = control.value;
  }
  const active = root.ownerDocument.activeElement;
  let focus: Focus = null;
  if (active && root.contains(active)) {
    if (active.matches(CONTROLS)) {
      const control = active as Control;
      const selectable = 'selectionStart' in control;
      focus = {
        name: control.name,
        start: selectable ? control.selectionStart : null,
        end: selectable ? control.selectionEnd : null,
        direction: selectable ? control.selectionDirection : null,
      };
    } else if (active.tagName === 'BUTTON') {
      focus = { button: [...root.querySelectorAll('button')].indexOf(active as HTMLButtonElement) };
    }
  }
  return {
    values,
    restore(into) {
      if (!focus) return;
      if ('button' in focus) {
        into.querySelectorAll('button')[focus.button]?.focus({ preventScroll: true });
        return;
      }
      const { name } = focus;
      const control = [...into.querySelectorAll<Control>(CONTROLS)].find((c) => c.name === name);
      if (!control) return;
      control.focus({ preventScroll: true });
      if (focus.start !== null && focus.end !== null && 'setSelectionRange' in control) {
        try {
          (control as HTMLInputElement).setSelectionRange(
            focus.start,
            focus.end,
            (focus.direction ?? 'none') as 'forward' | 'backward' | 'none',
          );
        } catch {
          // Not every input type has a selection; focus is what matters there.
        }
      }
    },
  };
}
