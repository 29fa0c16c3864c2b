import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { expect, it, vi } from 'vitest';
import { checkpointInBackground } from './checkpointInBackground.ts';

it('copies the write-ahead log into the database file on its own thread when asked', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'lava-checkpoint-')), 'db.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.exec('create table t (v text not null)');
  const insert = sqlite.prepare('insert into t (v) values (?)');
  for (let i = 0; i < 500; i++) insert.run('x'.repeat(1000));
  const before = statSync(file).size;
  const onFail = vi.fn();
  const checkpoints = checkpointInBackground(file, onFail);
  checkpoints.request();
  // The thread stops after the checkpoint it was asked for.
  await checkpoints.stop();
  expect(statSync(file).size).toBeGreaterThan(before + 400_000);
  expect(onFail).not.toHaveBeenCalled();
  sqlite.close();
});

it('says so when the thread cannot work, so that the caller checkpoints itself', async () => {
  const error = vi.spyOn(console, 'error').mockImplementation(() => {});
  await new Promise<void>((resolve) => {
    checkpointInBackground(join(tmpdir(), 'lava-checkpoint-missing', 'db.sqlite'), resolve);
  });
  expect(error).toHaveBeenCalledWith(
    expect.stringContaining('checkpoints run on the main thread'),
    expect.anything(),
  );
  error.mockRestore();
});

it('keeps the process alive until it has stopped, when nothing else does', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'lava-checkpoint-')), 'db.sqlite');
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  const module = fileURLToPath(new URL('./checkpointInBackground.ts', import.meta.url));
  // A process whose last work is awaiting stop(): it must get to the line after it.
  const child = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { checkpointInBackground } = await import(${JSON.stringify(module)});
       const checkpoints = checkpointInBackground(${JSON.stringify(file)}, () => {});
       checkpoints.request();
       await checkpoints.stop();
       console.log('stopped');`,
    ],
    { encoding: 'utf8' },
  );
  expect({ status: child.status, stdout: child.stdout.trim() }).toEqual({
    status: 0,
    stdout: 'stopped',
  });
});
