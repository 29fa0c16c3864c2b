import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdEarlyActions } from './holdEarlyActions.ts';

const rendered = () => {
  document.body.innerHTML = `<div id="root"><main><form>
    <input name="code"><button type="submit">Verify</button>
    <button type="button">Send a new code</button>
    <button type="button" disabled>Change number</button>
  </form></main></div>`;
  return document.getElementById('root') as HTMLElement;
};

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

/** Whether a promise has settled by now. */
const settledYet = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await Promise.resolve();
  return done;
};

describe('holdEarlyActions', () => {
  it('holds a submit, which the browser then does not make', () => {
    const root = rendered();
    const held = holdEarlyActions(root);
    const form = root.querySelector('form') as HTMLFormElement;
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    form.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
    expect(held.release()).toEqual({ kind: 'submit' });
  });

  it("holds the latest button's click by its place among the buttons", () => {
    const root = rendered();
    const held = holdEarlyActions(root);
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(
      new Event('submit', { bubbles: true, cancelable: true }),
    );
    root.querySelectorAll('button')[1]?.click();
    expect(held.release()).toEqual({ kind: 'click', button: 1 });
  });

  it('ignores a disabled button, and holds nothing when nothing was done', () => {
    const root = rendered();
    const held = holdEarlyActions(root);
    root.querySelectorAll('button')[2]?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(held.release()).toBeNull();
  });

  it('lets go once released: a later submit is the page’s own to handle', () => {
    const root = rendered();
    const held = holdEarlyActions(root);
    held.release();
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    (root.querySelector('form') as HTMLFormElement).dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(false);
  });

  it('is settled at once while nothing is pressed', async () => {
    const held = holdEarlyActions(rendered());
    expect(await settledYet(held.settled())).toBe(true);
  });

  it('waits for a pressed button to be let go, and for the click that follows', async () => {
    vi.useFakeTimers();
    const root = rendered();
    const held = holdEarlyActions(root);
    const button = root.querySelectorAll('button')[1] as HTMLButtonElement;
    button.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    const settled = held.settled();
    await vi.advanceTimersByTimeAsync(500);
    expect(await settledYet(settled)).toBe(false);
    button.dispatchEvent(new Event('pointerup', { bubbles: true }));
    button.click();
    await vi.advanceTimersByTimeAsync(0);
    expect(await settledYet(settled)).toBe(true);
    expect(held.release()).toEqual({ kind: 'click', button: 1 });
  });

  it('waits for a key held down no longer than it was told', async () => {
    vi.useFakeTimers();
    const root = rendered();
    const held = holdEarlyActions(root);
    root.querySelector('input')?.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
    const settled = held.settled(300);
    await vi.advanceTimersByTimeAsync(299);
    expect(await settledYet(settled)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settledYet(settled)).toBe(true);
  });
});
