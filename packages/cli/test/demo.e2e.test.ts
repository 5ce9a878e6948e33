import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CollectionFee, type CreditNote, type Invoice, listAll, money, type Payment } from '@billfold/core';
import { createPostgresStorage, type PostgresStorage } from '@billfold/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli';
import { playDemo } from '../src/commands/demo';
import { silentProgress } from '../src/progress';
import { captureIo } from './support/capture-io';

/*
 * The demo end to end on PGlite, small: 8 customers over 2 months. The printout is checked against what the
 * storage holds afterwards, so a demo that miscounts, mixes currencies or months, or leaves gaps is caught.
 */

const SETTINGS = { customers: 8, months: 2 } as const;

let storage: PostgresStorage;
let outDir: string;
let lines: string[];
let invoices: Invoice[];

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'billfold-demo-'));
  storage = await createPostgresStorage();
  lines = await playDemo(storage, { ...SETTINGS, outDir }, 'PGlite (in memory)', silentProgress);
  invoices = await listAll((page) => storage.invoices.list(page));
});

afterAll(async () => {
  await storage?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Sums per currency, as decimal strings with the currency's decimals. */
function sums<T>(items: readonly T[], currency: (item: T) => string, amount: (item: T) => string) {
  const totals: Record<string, string> = { EUR: '0.00', USD: '0.00' };
  for (const item of items) {
    const c = currency(item);
    totals[c] = money(totals[c] ?? '0', c)
      .add(money(amount(item), c))
      .toString();
  }
  return totals;
}

/** The printed block of each month: its label and its rows by name (`invoices made` → count and amounts). */
function printedMonths() {
  const months: { label: string; rows: Map<string, { count: number; EUR: string; USD: string }> }[] = [];
  for (const line of lines) {
    const header = /^(\d{4}-\d{2}) {2}sign-ups/.exec(line);
    if (header) months.push({ label: header[1] as string, rows: new Map() });
    const row = /^ {2}([a-z ]+?)\s+(\d*)\s+EUR\s+(-?\d+\.\d{2})\s+USD\s+(-?\d+\.\d{2})/.exec(line);
    if (row && months.length > 0) {
      (months.at(-1) as (typeof months)[number]).rows.set(row[1] as string, {
        count: Number(row[2] || 0),
        EUR: row[3] as string,
        USD: row[4] as string,
      });
    }
  }
  return months;
}

const issuedIn = (label: string) => (invoice: Invoice) => invoice.issuedAt?.slice(0, 7) === label;

describe('billfold demo (8 customers, 2 months, PGlite)', () => {
  it('prints every month with invoices made', () => {
    const months = printedMonths();
    expect(months.map((m) => m.label)).toEqual(['2026-01', '2026-02']);
    for (const month of months) expect(month.rows.get('invoices made')?.count).toBeGreaterThan(0);
  });

  it("prints each month's invoice count and totals per currency as the stored invoices of that month add up", () => {
    for (const month of printedMonths()) {
      const stored = invoices.filter(issuedIn(month.label));
      const printed = month.rows.get('invoices made');
      expect(printed?.count).toBe(stored.length);
      const totals = sums(
        stored,
        (i) => i.currency,
        (i) => i.total,
      );
      expect({ EUR: printed?.EUR, USD: printed?.USD }).toEqual(totals);
      // Both currencies really occur: the US customers are billed in USD.
      expect(money(totals.USD as string, 'USD').isZero()).toBe(false);
    }
  });

  it('prints the payments and credit notes of each month as stored', async () => {
    const payments = await listAll<Payment>((page) => storage.payments.list(page));
    const notes = await listAll<CreditNote>((page) => storage.creditNotes.list(page));
    for (const month of printedMonths()) {
      const paid = payments.filter((p) => p.receivedAt.slice(0, 7) === month.label);
      expect(month.rows.get('payments received')).toEqual({
        count: paid.length,
        ...sums(
          paid,
          (p) => p.currency,
          (p) => p.amount,
        ),
      });
      const credited = notes.filter((n) => n.issuedAt.slice(0, 7) === month.label);
      expect(month.rows.get('credit notes')).toEqual({
        count: credited.length,
        ...sums(
          credited,
          (n) => n.currency,
          (n) => n.total,
        ),
      });
    }
    expect(new Set(payments.map((p) => p.method))).toEqual(new Set(['cash', 'cheque', 'bank_transfer']));
    // Over- and part-payments happen: one left credit, one left an invoice part paid.
    expect(payments.some((p) => !money(p.unapplied, p.currency).isZero())).toBe(true);
    const partlyPaid = (i: Invoice) =>
      !money(i.amountPaid, i.currency).isZero() && !money(i.amountRemaining, i.currency).isZero();
    expect(invoices.some(partlyPaid)).toBe(true);
  });

  it('prints as outstanding the sum of amountRemaining of the open invoices', () => {
    const open = invoices.filter((invoice) => invoice.status === 'open');
    const last = printedMonths().at(-1)?.rows.get('outstanding');
    expect(last).toEqual({
      count: open.length,
      ...sums(
        open,
        (i) => i.currency,
        (i) => i.amountRemaining,
      ),
    });
    expect(open.length).toBeGreaterThan(0);
  });

  it('numbers every invoice and credit note without gaps', async () => {
    const numbers = invoices.map((invoice) => invoice.number);
    expect(numbers.every((n) => n !== undefined)).toBe(true);
    const values = numbers.map((n) => Number((n as string).slice('INV-2026-'.length))).sort((a, b) => a - b);
    expect(values).toEqual(values.map((_, i) => i + 1));
    expect(lines).toContain(
      `Invoices      INV-2026-000001 … INV-2026-${String(values.length).padStart(6, '0')} (${values.length}, no gaps)`,
    );
    const notes = await listAll<CreditNote>((page) => storage.creditNotes.list(page));
    expect(notes.map((n) => n.number)).toEqual(notes.map((_, i) => `CN-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('writes HTML, PDF, CSV and UBL documents that carry the invoice number', async () => {
    const documents = lines.flatMap((line) => /^(?:Documents)?\s+(INV-\d{4}-\d{6}) \(/.exec(line)?.[1] ?? []);
    expect(documents.length).toBeGreaterThanOrEqual(3);
    expect(lines).toContain(`              as HTML, PDF, CSV and, for EU VAT, UBL XML (EN 16931) in ${outDir}`);
    const currencies = new Map(invoices.map((invoice) => [invoice.number, invoice.currency]));
    for (const number of documents) {
      for (const extension of ['html', 'csv']) {
        expect(await readFile(join(outDir, `${number}.${extension}`), 'utf8')).toContain(number);
      }
      // A US sales tax is no VAT: no EN 16931 e-invoice for it.
      const xml = await readFile(join(outDir, `${number}.xml`), 'utf8').catch(() => undefined);
      if (currencies.get(number) === 'EUR') expect(xml).toContain(number);
      else expect(xml).toBeUndefined();
      const pdf = await readFile(join(outDir, `${number}.pdf`));
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // The document title (UTF-16BE hex in the info dictionary) names the invoice.
      const title = /\/Title <FEFF([0-9A-F]+)>/.exec(pdf.toString('latin1'))?.[1] ?? '';
      expect(Buffer.from(title, 'hex').swap16().toString('utf16le')).toContain(number);
      expect((await stat(join(outDir, `${number}.pdf`))).size).toBeGreaterThan(1000);
    }
  });

  it('shows reverse charge, US state + city sales tax and proration among the documents', () => {
    const byNumber = new Map(invoices.map((invoice) => [invoice.number, invoice]));
    const shown = lines.flatMap((line) => {
      const number = /^(?:Documents)?\s+(INV-\d{4}-\d{6}) \(/.exec(line)?.[1];
      return number === undefined ? [] : [byNumber.get(number) as Invoice];
    });
    expect(shown.some((i) => i.notes.some((note) => note.startsWith('Reverse charge')))).toBe(true);
    expect(shown.some((i) => i.currency === 'USD' && i.taxes.length === 2)).toBe(true);
    expect(shown.some((i) => i.lines.some((line) => line.kind === 'proration'))).toBe(true);
  });

  it("prints each month's late fees as the stored fees of that month add up, billed on invoices of their own", async () => {
    const fees = await listAll<CollectionFee>((page) => storage.collectionFees.list(page));
    const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
    for (const month of printedMonths()) {
      const charged = fees.filter((fee) => fee.createdAt.slice(0, 7) === month.label);
      expect(month.rows.get('late fees charged')).toEqual({
        count: charged.length,
        ...sums(
          charged,
          (f) => f.currency,
          (f) => f.amount,
        ),
      });
    }
    expect(fees.length).toBeGreaterThan(0);
    for (const fee of fees) {
      const bill = byId.get(fee.feeInvoiceId as string);
      expect(bill).toMatchObject({ billingReason: 'collections_fee', customerId: fee.customerId });
      // The fee is for an invoice of the same customer that was reminded and had become overdue by then (paying
      // it later clears `overdue`, not `overdueAt`).
      const late = byId.get(fee.invoiceId);
      expect(late).toMatchObject({ customerId: fee.customerId });
      expect(late?.remindersSent).toBeGreaterThan(0);
      expect(late?.overdueAt !== undefined && late.overdueAt <= fee.createdAt).toBe(true);
    }
  });

  it('names the late payer with their reminders, fees and service access as stored', async () => {
    const at = lines.findIndex((line) => line.startsWith('Late payer    '));
    const story =
      /^Late payer {4}(.+): (\d+) reminders, (\d+) late fees EUR (\d+\.\d{2}) billed on (\d+) invoices from (INV-\d{4}-\d{6})$/.exec(
        lines[at] ?? '',
      );
    expect(story).not.toBeNull();
    const [, name, reminders, count, total, billed, first] = story as RegExpExecArray;
    const customers = await listAll((page) => storage.customers.list(page));
    const customer = customers.find((c) => c.name === name);
    expect(customer).toBeDefined();
    const own = invoices.filter((invoice) => invoice.customerId === customer?.id);
    expect(Number(reminders)).toBe(own.reduce((sum, invoice) => sum + invoice.remindersSent, 0));
    const fees = await listAll<CollectionFee>((page) =>
      storage.collectionFees.list({ ...page, customerId: customer?.id as string }),
    );
    expect(Number(count)).toBe(fees.length);
    expect(total).toBe(
      sums(
        fees,
        (f) => f.currency,
        (f) => f.amount,
      ).EUR,
    );
    const feeInvoices = own.filter((invoice) => invoice.billingReason === 'collections_fee');
    expect(Number(billed)).toBe(feeInvoices.length);
    expect(first).toBe(feeInvoices[0]?.number);
    // Nobody was charged more fees.
    const all = await listAll<CollectionFee>((page) => storage.collectionFees.list(page));
    for (const other of new Set(all.map((fee) => fee.customerId))) {
      expect(all.filter((fee) => fee.customerId === other).length).toBeLessThanOrEqual(fees.length);
    }
    expect(lines[at + 1]).toMatch(
      /^ {14}service (suspended \(non_payment\)|grace \((past_due|overdue)\)|active \(paid_up\))/,
    );
  });

  it('counts the notifications waiting in the outbox as stored', async () => {
    const entries = await listAll((page) => storage.outbox.list(page));
    const count = (type: string) => entries.filter((entry) => entry.type === type).length;
    expect(lines).toContain(
      `Outbox        ${entries.length} notifications waiting to be emailed, among them ${count('invoice.finalized')} ` +
        `invoices, ${count('invoice.reminder')} reminders, ${count('invoice.fee_charged')} late fees, ` +
        `${count('subscription.suspended')} suspensions`,
    );
    expect(entries.every((entry) => entry.status === 'pending')).toBe(true);
    expect(count('invoice.reminder')).toBeGreaterThan(0);
  });

  it('prints the same text when run again through the command line', async () => {
    const io = captureIo();
    const code = await main(
      ['demo', '--customers', String(SETTINGS.customers), '--months', String(SETTINGS.months), '--out', outDir],
      io,
    );
    expect(code).toBe(0);
    expect(io.stdout).toEqual(lines);
  });
});
