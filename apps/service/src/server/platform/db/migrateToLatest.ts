import { readdir } from 'node:fs/promises';
import { type Kysely, type Migration, Migrator } from 'kysely';

/** The folder of migrations: one file each, named `NNN_what_it_does`, run in name order. */
const MIGRATIONS_FOLDER = new URL('./migrations/', import.meta.url);
const MIGRATION_FILE = /^\d{3}_[a-z0-9_]+\.(?:ts|js)$/;

/**
 * Every migration in the folder, by its file name without extension. Adding a migration is
 * adding a file; nothing lists them. The production build keeps the folder beside the service.
 */
export async function readMigrations(): Promise<Record<string, Migration>> {
  const files = (await readdir(MIGRATIONS_FOLDER)).filter((file) => MIGRATION_FILE.test(file));
  const migrations: Record<string, Migration> = {};
  for (const file of files.sort()) {
    const name = file.replace(/\.(?:ts|js)$/, '');
    const module = (await import(new URL(file, MIGRATIONS_FOLDER).href)) as { default?: Migration };
    if (typeof module.default?.up !== 'function') {
      throw new Error(
        `Lava Checkout: migration ${file} has no default export with an up() function. Export the migration as default.`,
      );
    }
    migrations[name] = module.default;
  }
  return migrations;
}

/** Brings the schema up to date; safe to run on every start. Returns the migrations it ran. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  // Migrations made on parallel branches land out of number order: a database that already
  // ran a later one still runs an earlier newcomer. Each migration touches its own tables.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: readMigrations },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(
      `Lava Checkout: database migration ${failed?.migrationName ?? ''} failed: ${String(error)}. The database was left at the last good migration; fix the cause and restart.`,
    );
  }
  return (results ?? []).map((result) => result.migrationName);
}
