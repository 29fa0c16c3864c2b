/** Host names that only ever reach this machine: where plain `http:` is allowed. */
export const LOOPBACK_HOST = /^(localhost|[a-z0-9-]+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
