import { afterEach, describe, expect, it } from 'vitest';
import { snapshotForm } from './snapshotForm.ts';

const STEP = `<form><select name="country"><option value="US">US</option><option value="CA">CA</option></select>
  <input name="phone" type="tel"><button type="submit">Send code</button></form>`;

const rendered = () => {
  document.body.innerHTML = `<div id="root">${STEP}</div>`;
  return document.getElementById('root') as HTMLElement;
};

/** The same step rendered anew, as the page's code does when it takes over. */
const renderedAgain = (root: HTMLElement) => {
  root.innerHTML = STEP;
};

afterEach(() => {
  document.body.innerHTML = '';
});

describe('snapshotForm', () => {
  it("reads each named control's value", () => {
    const root = rendered();
    (root.querySelector('[name=phone]') as HTMLInputElement).value = '2015550';
    (root.querySelector('[name=country]') as HTMLSelectElement).value = 'CA';
    expect(snapshotForm(root).values).toEqual({ country: 'CA', phone: '2015550' });
  });

  it('puts focus and the selection back on the same field of the new rendering', () => {
    const root = rendered();
    const phone = root.querySelector('[name=phone]') as HTMLInputElement;
    phone.value = '2015550';
    phone.focus();
    phone.setSelectionRange(2, 5);
    const snapshot = snapshotForm(root);
    renderedAgain(root);
    expect(document.activeElement).toBe(document.body);
    // The new rendering has the value from its own state.
    const again = root.querySelector('[name=phone]') as HTMLInputElement;
    again.value = '2015550';
    snapshot.restore(root);
    expect(document.activeElement).toBe(again);
    expect([again.selectionStart, again.selectionEnd]).toEqual([2, 5]);
  });

  it('puts focus back on the same button', () => {
    const root = rendered();
    root.querySelector('button')?.focus();
    const snapshot = snapshotForm(root);
    renderedAgain(root);
    snapshot.restore(root);
    expect(document.activeElement?.textContent).toBe('Send code');
  });

  it('moves no focus when none was in the step', () => {
    const root = rendered();
    const snapshot = snapshotForm(root);
    renderedAgain(root);
    snapshot.restore(root);
    expect(document.activeElement).toBe(document.body);
  });
});
