/** Version of the message union carried in every message's `v` field. */
export const PROTOCOL_VERSION = 1;

/** A checkout session lives this long after it is minted (60 minutes), and is single use. */
export const SESSION_LIFETIME_SECONDS = 60 * 60;

/** Message types of the versioned protocol, namespaced so they never collide with a page's own. */
export const MESSAGE_TYPE = {
  hello: 'lava:hello',
  ready: 'lava:ready',
  step: 'lava:step',
  success: 'lava:success',
  cancel: 'lava:cancel',
  error: 'lava:error',
  /** Frame -> parent: the height of the page's content, so the panel can follow it. */
  resize: 'lava:resize',
  /** Frame -> parent: the customer pressed Escape in the frame; the parent decides. */
  closeRequest: 'lava:close-request',
  /** Frame -> parent: a close was asked while a payment is processing; it stays open. */
  closeRefused: 'lava:close-refused',
  /** Frame -> parent: Tab or Shift+Tab is leaving the frame's last or first field. */
  focusExit: 'lava:focus-exit',
  /** Parent -> frame: please close (the frame answers cancel, or close-refused). */
  close: 'lava:close',
  /** Parent -> frame: focus is entering the frame, at its first or last field. */
  focus: 'lava:focus',
} as const;

/** Message types the published `@lavapayments/checkout` hook understands. */
export const LEGACY_MESSAGE_TYPE = {
  success: 'lava_checkout_success',
  cancel: 'lava_checkout_cancel',
} as const;
