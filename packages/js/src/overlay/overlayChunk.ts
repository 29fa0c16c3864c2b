// What loads on preload() or the first open(): the handshake and the overlay.

export { checkFrameOptions } from './checkFrameOptions.ts';
export { connectFrame } from './connectFrame.ts';
export type { Overlay, OverlayControls } from './mountOverlay.ts';
export { mountOverlay, styleFrame } from './mountOverlay.ts';
export { receiveFrameMessage } from './receiveFrameMessage.ts';
export { unreachableError } from './unreachableError.ts';
