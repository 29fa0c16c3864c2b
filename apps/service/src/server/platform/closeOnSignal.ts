/**
 * Closes what a command-line entry started on SIGINT or SIGTERM, then exits: 0 once it closed,
 * 1 if closing failed.
 */
export function closeOnSignal(running: { close(): Promise<unknown> }): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
