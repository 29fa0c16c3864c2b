import { join } from 'node:path';
import type { Services } from '../../Services.ts';
import type { ServiceConfig } from '../config/ServiceConfig.ts';
import { openDatabase } from './openDatabase.ts';

/**
 * The database the configuration names: PostgreSQL for `DATABASE_URL`, else the embedded file.
 * Only the embedded database counts its statements and commits (the checkout's budget is set
 * on it); PostgreSQL's counts stay at zero.
 */
export async function openConfiguredDatabase(
  config: Pick<ServiceConfig, 'databaseUrl' | 'dataDir'>,
): Promise<Pick<Services, 'db' | 'dialect' | 'counts'>> {
  if (config.databaseUrl) {
    // Loaded only here: the PostgreSQL driver is no part of a start on the embedded file.
    const { openPostgresDatabase } = await import('./openPostgresDatabase.ts');
    return {
      db: await openPostgresDatabase(config.databaseUrl),
      dialect: 'postgres',
      counts: { statements: 0, commits: 0, syncs: 0 },
    };
  }
  const embedded = await openDatabase(join(config.dataDir, 'checkout.sqlite'));
  return { ...embedded, dialect: 'sqlite' };
}
