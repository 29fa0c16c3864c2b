import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Checkpoints the write-ahead log of a database file on a thread of its own. */
export interface BackgroundCheckpoints {
  /** Asks for a checkpoint; one already asked for and not yet run covers it. */
  request(): void;
  /** Stops the thread, after the checkpoint it is running. */
  stop(): Promise<void>;
}

/** Runs in the thread: a connection of its own, a passive checkpoint at each request. */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const sqlite = new SQLite(workerData.file, { fileMustExist: true });
// Waiting for a lock here holds up nothing else.
sqlite.pragma('busy_timeout = 1000');
const checkpoint = sqlite.prepare('pragma wal_checkpoint(passive)');
parentPort.on('message', (message) => {
  if (message === 'stop') {
    sqlite.close();
    parentPort.close();
    return;
  }
  try {
    checkpoint.run();
  } catch {
    // Busy with another checkpoint (another process, or a connection closing): the next one
    // copies what this one would have.
  }
  parentPort.postMessage('done');
});
`;

/**
 * Starts a thread that copies the write-ahead log of `file` (in WAL mode) back into the
 * database file when asked: a passive checkpoint, which never stops the connections writing
 * and reading, and flushes the file to disk off the event loop. The caller turns SQLite's
 * automatic checkpoint off on its own connection once this runs, and on again if `onFail` is
 * called (the thread could not start or died).
 */
export function checkpointInBackground(file: string, onFail: () => void): BackgroundCheckpoints {
  const worker = new Worker(THREAD, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  // It never keeps the process alive on its own.
  worker.unref();
  let running = false;
  let again = false;
  let failed = false;
  const fail = () => {
    if (failed) return;
    failed = true;
    onFail();
  };
  worker.on('error', (error) => {
    console.error(
      'Lava Checkout: the checkpoint thread failed; checkpoints run on the main thread.',
      error,
    );
    fail();
  });
  worker.on('exit', fail);
  worker.on('message', () => {
    running = again;
    again = false;
    if (running) worker.postMessage('checkpoint');
  });
  return {
    request() {
      if (failed) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      worker.postMessage('checkpoint');
    },
    async stop() {
      if (failed) return;
      failed = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Until it has stopped, it keeps the process alive: a caller awaiting this (a service
      // closing) would otherwise see Node end with its await unsettled (exit code 13).
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
