import { fileURLToPath } from 'node:url';
import { checkLedger } from './credits/checkLedger.ts';
import { openConfiguredDatabase } from './platform/db/openConfiguredDatabase.ts';

// The ledger check: `pnpm --filter @lava-checkout/service ledger:check`. It reads the database
// the service uses (DATABASE_URL, else the embedded file in LAVA_DATA_DIR) and exits 1 when a
// stored credit amount is not the sum of its ledger entries.
const appDir = fileURLToPath(new URL('../../', import.meta.url));
const { db } = await openConfiguredDatabase({
  databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
  dataDir: process.env.LAVA_DATA_DIR?.trim() || `${appDir}.data`,
});
try {
  const mismatches = await checkLedger(db);
  for (const m of mismatches) {
    console.error(
      `Lava Checkout: ${m.what} of ${m.id} is ${m.stored} units, but its entries add up to ${m.summed}.`,
    );
  }
  if (mismatches.length > 0) {
    console.error(
      `Lava Checkout: the credit ledger has ${mismatches.length} mismatch(es). Stop the service, restore from a backup, and report this.`,
    );
    process.exitCode = 1;
  } else {
    console.log('Lava Checkout: the credit ledger adds up.');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  await db.destroy();
}
