import { createPostgresStorage } from '@billfold/storage-postgres';
import { runScenario } from './demo/scenario';
const t0 = performance.now();
const storage = await createPostgresStorage();
console.error('pglite up', (performance.now() - t0).toFixed(0));
const result = await runScenario(storage, {
  customers: Number(process.argv[2] ?? 8),
  months: Number(process.argv[3] ?? 2),
  progress: { step: async (label, work) => { const s = performance.now(); const r = await work(); console.error(label, (performance.now() - s).toFixed(0)); return r; } },
});
console.log(JSON.stringify(result.months, null, 1));
console.log(result.invoices.length, result.creditNoteNumbers);
await storage.close();
console.error('total', (performance.now() - t0).toFixed(0));
