import { startService } from '../startService.ts';
import { runAsTestProcess } from './runAsTestProcess.ts';

// A checkout service in a process of its own, for tests that kill or multiply it: prints
// `ready <url>` once it listens, and on SIGTERM closes (its webhook worker finishing first).
await runAsTestProcess(
  (config) => startService({ config, parts: { log: () => {} } }),
  (service) => `ready ${service.url}`,
);
