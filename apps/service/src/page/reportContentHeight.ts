import type { FrameBridge } from './createFrameBridge.ts';

/**
 * Reports the height of the page's content whenever it changes, so the overlay's panel is
 * as tall as the step it shows (up to the viewport), not a fixed half-empty box.
 */
export function reportContentHeight(win: Window, bridge: FrameBridge): () => void {
  const body = win.document.body;
  const report = () => bridge.resize(body.getBoundingClientRect().height);
  report();
  // The frame's own ResizeObserver: one from another realm misjudges the frame's layout.
  const Observer = (win as Window & typeof globalThis).ResizeObserver;
  if (!Observer) return () => {};
  const observer = new Observer(report);
  observer.observe(body);
  return () => observer.disconnect();
}
