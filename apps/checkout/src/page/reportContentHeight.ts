import type { FrameBridge } from './createFrameBridge.ts';

/**
 * Reports the height of the page's content whenever it changes, so the overlay's panel is
 * as tall as the step it shows (up to the viewport), not a fixed half-empty box.
 */
export function reportContentHeight(win: Window, bridge: FrameBridge): () => void {
  const body = win.document.body;
  const report = () => bridge.resize(body.getBoundingClientRect().height);
  report();
  if (typeof ResizeObserver === 'undefined') return () => {};
  const observer = new ResizeObserver(report);
  observer.observe(body);
  return () => observer.disconnect();
}
