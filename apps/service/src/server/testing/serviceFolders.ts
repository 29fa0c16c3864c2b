import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTestPage } from './startTestService.ts';

/** The folders of a service process of a test, and the databases it keeps in its data folder. */
export interface ServiceFolders {
  dataDir: string;
  pageDir: string;
  /** The checkout's database. */
  dbFile: string;
  /** The test processor's ledger of charges. */
  ledgerFile: string;
}

/** A new data folder, its name starting with `prefix`, and a new test page (`writeTestPage`). */
export function serviceFolders(prefix: string): ServiceFolders {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dataDir,
    pageDir: writeTestPage(),
    dbFile: join(dataDir, 'checkout.sqlite'),
    ledgerFile: join(dataDir, 'test-processor.sqlite'),
  };
}
