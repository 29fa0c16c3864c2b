import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase } from '../platform/db/openDatabase.ts';
import { openPostgresDatabase } from '../platform/db/openPostgresDatabase.ts';
import type { Services } from '../Services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL superuser connection string; each test makes its own database in it. */
    postgresUrl: string;
  }
}

export type Dialect = Services['dialect'];

/** Both databases the service runs on: store tests run once on each. */
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** A fresh, empty database in the test run's PostgreSQL; returns its connection string. */
export async function createPostgresDatabase(): Promise<string> {
  const admin = new URL(inject('postgresUrl'));
  const name = `lava_${Math.random().toString(36).slice(2, 12)}`;
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  admin.pathname = `/${name}`;
  return admin.href;
}

/** A fresh, migrated database of the given kind: a file in a temp folder, or a new PostgreSQL database. */
export async function openTestDatabase(
  dialect: Dialect,
): Promise<Pick<Services, 'db' | 'dialect'>> {
  if (dialect === 'postgres') {
    return { db: await openPostgresDatabase(await createPostgresDatabase()), dialect };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lava-db-'));
  return { db: (await openDatabase(join(dir, 'checkout.sqlite'))).db, dialect };
}
