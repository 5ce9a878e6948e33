import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BillingErrorCode, type Invoice, isBillingError } from '@billfold/core';
import { type DocumentFormat, renderInvoice, type SellerProfile } from '@billfold/documents';
import type { DemoCustomer } from './seed-customers';

/** The formats the demo writes for each showcased invoice. */
export const DEMO_FORMATS: readonly DocumentFormat[] = ['html', 'pdf', 'csv', 'ubl'];

/** The demo provider: a German company for EUR invoices, its US subsidiary for USD invoices. */
export const DEMO_SELLERS: Readonly<Record<string, SellerProfile>> = {
  EUR: {
    name: 'Billfold Demo Networks GmbH',
    address: { line1: 'Friedrichstraße 100', city: 'Berlin', postalCode: '10117', country: 'DE' },
    vatId: 'DE811907980',
    companyId: 'HRB 123456 B',
    email: 'billing@demo-networks.example',
    bankAccount: { iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
    paymentTerms: 'Payable by bank transfer, cheque or cash at our shop',
  },
  USD: {
    name: 'Billfold Demo Networks Inc.',
    address: { line1: '350 Fifth Avenue', city: 'New York', postalCode: '10118', region: 'NY', country: 'US' },
    email: 'billing@demo-networks.example',
    paymentInstructions: 'Pay by ACH transfer, cheque to Billfold Demo Networks Inc., or cash at our store',
  },
};

/** An invoice chosen to show one feature, and why. */
export interface ShowcaseInvoice {
  readonly invoice: Invoice;
  readonly shows: string;
}

/**
 * Picks a few invoices that between them show the interesting cases: reverse charge for an EU business, German
 * VAT with the welcome coupon, a first invoice with the router at 19 % beside the magazine at 7 %, US state + city
 * sales tax (with metered data when there is some), and proration after a plan change.
 */
export function pickShowcaseInvoices(
  invoices: readonly Invoice[],
  customers: readonly DemoCustomer[],
): ShowcaseInvoice[] {
  const region = new Map(customers.map((c) => [c.customer.id, c.region]));
  const finalized = invoices.filter((invoice) => invoice.number !== undefined);
  const cycle = (invoice: Invoice) => invoice.billingReason === 'subscription_cycle';
  const usage = (invoice: Invoice) => invoice.lines.some((line) => line.kind === 'usage' && line.amount !== '0.00');
  const showcases: { shows: string; matches: (i: Invoice) => boolean; prefer: (i: Invoice) => boolean }[] = [
    { shows: 'reverse charge (EU business)', matches: (i) => region.get(i.customerId) === 'EU-B2B', prefer: cycle },
    {
      shows: 'German VAT with the WELCOME20 coupon',
      matches: (i) => region.get(i.customerId) === 'DE' && i.discountTotal !== '0.00',
      prefer: cycle,
    },
    {
      shows: 'a router (one-time item) at 19 % beside the magazine at 7 %',
      matches: (i) => i.taxes.length >= 2 && i.currency === 'EUR' && i.lines.some((l) => l.billingCode === 'HW-ROUTER'),
      prefer: () => true,
    },
    { shows: 'US state + city sales tax', matches: (i) => i.currency === 'USD' && i.taxes.length >= 2, prefer: usage },
    {
      shows: 'proration after a plan change',
      matches: (i) => i.lines.some((l) => l.kind === 'proration'),
      prefer: cycle,
    },
  ];
  const picked: ShowcaseInvoice[] = [];
  for (const { shows, matches, prefer } of showcases) {
    const pool = finalized.filter((i) => matches(i) && !picked.some((p) => p.invoice.id === i.id));
    const invoice = pool.find(prefer) ?? pool[0];
    if (invoice !== undefined) picked.push({ invoice, shows });
  }
  return picked;
}

/** The file names the demo writes (`INV-2026-000042.pdf`): only these are replaced on the next run. */
const DOCUMENT_FILE = /^(INV|CN)-\d{4}-\d+\.(html|pdf|csv|xml)$/;

/**
 * Renders one document, or `undefined` when the format cannot carry the invoice: an EN 16931 e-invoice (UBL)
 * describes VAT, so the US invoices with state and city sales tax get HTML, PDF and CSV only.
 */
async function renderIfRepresentable(invoice: Invoice, format: DocumentFormat, seller: SellerProfile) {
  try {
    return await renderInvoice(invoice, { format, seller });
  } catch (error) {
    if (format === 'ubl' && isBillingError(error) && error.code === BillingErrorCode.unsupported) return undefined;
    throw error;
  }
}

/**
 * Writes each invoice as HTML, PDF, CSV and, where EN 16931 can carry it, UBL into `dir` (created when missing),
 * in the customer's language, with dates in the customer's time zone (frozen on the invoice). Documents an
 * earlier demo left in `dir` are removed first (nothing else is touched), so the folder holds this run's
 * documents only.
 * @returns the paths written, in order.
 */
export async function writeInvoiceDocuments(dir: string, invoices: readonly Invoice[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  for (const name of await readdir(dir)) if (DOCUMENT_FILE.test(name)) await rm(join(dir, name));
  const written: string[] = [];
  for (const invoice of invoices) {
    const seller = DEMO_SELLERS[invoice.currency] ?? (DEMO_SELLERS.EUR as SellerProfile);
    for (const format of DEMO_FORMATS) {
      const document = await renderIfRepresentable(invoice, format, seller);
      if (document === undefined) continue;
      const path = join(dir, document.fileName);
      await writeFile(path, document.body);
      written.push(path);
    }
  }
  return written;
}
