import type { TestProject } from 'vitest/node';
import { startPostgres } from './startPostgres.ts';

/**
 * Vitest global setup of the node tests: one PostgreSQL for the whole run (the one named by
 * LAVA_TEST_DATABASE_URL, else a cluster started here on a free port and stopped at the end).
 */
export default async function setup(project: TestProject) {
  const given = process.env.LAVA_TEST_DATABASE_URL;
  if (given) {
    project.provide('postgresUrl', given);
    return;
  }
  const postgres = await startPostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}
