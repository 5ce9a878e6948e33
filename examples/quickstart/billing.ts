/** The README's "Billing in a few lines", runnable: `pnpm --filter @billfold/example-quickstart billing`. */
import { writeFile } from 'node:fs/promises';
import { createBilling, createTestClock } from '@billfold/core';
import { renderInvoice } from '@billfold/documents';
import { createPostgresStorage } from '@billfold/storage-postgres';

const clock = createTestClock('2026-01-01T00:00:00Z'); // or systemClock in production
const storage = await createPostgresStorage(); // PGlite in memory
const billing = createBilling({ storage, clock });
const customer = await billing.customers.create({ name: 'Ada Lovelace', email: 'ada@example.com', currency: 'EUR' });
const product = await billing.catalog.products.create({
  name: 'Fibre 100',
  billingCode: 'INT-100M',
  category: 'internet',
});
const price = await billing.catalog.prices.create({
  productId: product.id,
  interval: 'month',
  spec: { model: 'flat', currency: 'EUR', amount: '39.00' },
});
const { invoices } = await billing.subscriptions.create({ customerId: customer.id, items: [{ priceId: price.id }] });
clock.advance({ months: 1 });
const run = await billing.runCycle(); // the February invoice
const seller = {
  name: 'Acme GmbH',
  address: { line1: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
};
const first = invoices[0];
if (first === undefined) throw new Error('subscribing made no invoice');
const pdf = await renderInvoice(first, { format: 'pdf', locale: 'de-DE', seller }); // INV-2026-000001.pdf
const out = process.argv[2];
if (out) await writeFile(out, pdf.body);
console.log(
  `first invoice ${first.number} total ${first.total} ${first.currency}; ${pdf.fileName} ${pdf.body.length} bytes`,
);
console.log(`run ${run.now}: ${run.invoicesCreated} invoice(s), ${JSON.stringify(run.totalsByCurrency)}`);
await storage.close();
