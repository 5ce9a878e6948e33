/**
 * A small billing program written against the packed packages, as a user's project would be: a German VAT
 * customer on embedded PostgreSQL (PGlite in memory), a monthly subscription, the renewal billed by a run,
 * and its PDF. Prints what it did as one JSON line; writes the PDF to the path given as first argument.
 */
import { writeFile } from 'node:fs/promises';
import {
  type CatalogPriceInput,
  type CreateSubscriptionInput,
  type CustomerInput,
  createBilling,
  createTestClock,
  isBillingError,
} from '@billfold/core';
import { renderInvoice, type SellerProfile } from '@billfold/documents';
import { createPostgresStorage } from '@billfold/storage-postgres';

const pdfPath = process.argv[2];
if (pdfPath === undefined) throw new Error('usage: node dist/main.js <invoice.pdf>');

const clock = createTestClock('2026-01-01T00:00:00Z');
const storage = await createPostgresStorage();
try {
  const billing = createBilling({ storage, clock });
  const vat = await billing.catalog.taxRates.create({ name: 'USt 19 %', percentage: '19', inclusive: false });
  const customerInput: CustomerInput = {
    name: 'Müller & 山田 GmbH',
    email: 'rechnung@mueller-yamada.example',
    currency: 'EUR',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    address: { line1: 'Torstraße 5', postalCode: '10119', city: 'Berlin', country: 'DE' },
    taxRateIds: [vat.id],
  };
  const customer = await billing.customers.create(customerInput);
  const product = await billing.catalog.products.create({
    name: 'Fibre 250',
    billingCode: 'INT-250M',
    category: 'internet',
  });
  const priceInput: CatalogPriceInput = {
    productId: product.id,
    interval: 'month',
    spec: { model: 'flat', currency: 'EUR', amount: '29.00' },
  };
  const price = await billing.catalog.prices.create(priceInput);
  const subscription: CreateSubscriptionInput = { customerId: customer.id, items: [{ priceId: price.id }] };
  const { invoices } = await billing.subscriptions.create(subscription);

  clock.advance({ months: 1 });
  const run = await billing.runCycle();
  const renewals = await billing.invoices.list({ customerId: customer.id });
  const renewal = renewals.items.find((invoice) => invoice.id !== invoices[0]?.id);
  if (renewal === undefined) throw new Error('the run billed no renewal');

  const seller: SellerProfile = {
    name: 'Netz Berlin GmbH',
    address: { line1: 'Hauptstraße 1', postalCode: '10115', city: 'Berlin', country: 'DE' },
    vatId: 'DE123456789',
  };
  const pdf = await renderInvoice(renewal, { format: 'pdf', locale: 'de-DE', seller });
  await writeFile(pdfPath, pdf.body);

  let badInput: unknown;
  try {
    await billing.customers.create({ ...customerInput, currency: 'EURO' });
  } catch (error) {
    if (!isBillingError(error)) throw error;
    badInput = { code: error.code, path: error.path };
  }

  console.log(
    JSON.stringify({
      first: { number: invoices[0]?.number, total: invoices[0]?.total },
      run: { invoicesCreated: run.invoicesCreated, totals: run.totalsByCurrency },
      renewal: { number: renewal.number, subtotal: renewal.subtotal, tax: renewal.taxTotal, total: renewal.total },
      pdf: { file: pdf.fileName, bytes: pdf.body.length },
      badInput,
    }),
  );
} finally {
  await storage.close();
}
