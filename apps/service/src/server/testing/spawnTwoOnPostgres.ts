import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { ServiceConfig } from '../platform/config/ServiceConfig.ts';
import { spawnService } from './spawnService.ts';
import { writeTestPage } from './startTestService.ts';
import { createPostgresDatabase } from './testDatabases.ts';

/**
 * Starts two service processes on one new PostgreSQL database and one data folder, with
 * `settings` on top. The second starts once the first has made the development merchant, and
 * shares its key file. Both are killed when the running test ends, passed or failed.
 */
export async function spawnTwoOnPostgres(settings: Partial<ServiceConfig> = {}) {
  const databaseUrl = await createPostgresDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'lava-data-'));
  const config = { dataDir, pageDir: writeTestPage(), databaseUrl, ...settings };
  const a = await spawnService(config);
  onTestFinished(() => a.kill());
  const b = await spawnService(config);
  onTestFinished(() => b.kill());
  return { a, b, databaseUrl, dataDir };
}
