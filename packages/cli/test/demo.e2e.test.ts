import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AGING_BUCKETS,
  buildMrrReport,
  buildRevenueReport,
  type CollectionFee,
  type CreditNote,
  type Invoice,
  listAll,
  listReportQueries,
  money,
  type Payment,
  type PaymentAttempt,
} from '@billfold/core';
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
  const months: {
    label: string;
    header: string;
    rows: Map<string, { count: number; EUR: string; USD: string }>;
  }[] = [];
  for (const line of lines) {
    const header = /^(\d{4}-\d{2}) {2}sign-ups/.exec(line);
    if (header) months.push({ label: header[1] as string, header: line, rows: new Map() });
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
    expect(new Set(payments.map((p) => p.method))).toEqual(new Set(['cash', 'cheque', 'bank_transfer', 'gateway']));
    // Over- and part-payments happen: one left credit, one left an invoice part paid.
    expect(payments.some((p) => !money(p.unapplied, p.currency).isZero())).toBe(true);
    const partlyPaid = (i: Invoice) =>
      !money(i.amountPaid, i.currency).isZero() && !money(i.amountRemaining, i.currency).isZero();
    expect(invoices.some(partlyPaid)).toBe(true);
  });

  it("prints each month's card payments, recoveries and declines as the ledger holds them", async () => {
    const payments = await listAll<Payment>((page) => storage.payments.list(page));
    const attempts = await listAll<PaymentAttempt>((page) => storage.paymentAttempts.list(page));
    const attemptOf = new Map(attempts.flatMap((a) => (a.paymentId === undefined ? [] : [[a.paymentId, a]])));
    for (const month of printedMonths()) {
      const online = payments.filter((p) => p.method === 'gateway' && p.receivedAt.slice(0, 7) === month.label);
      expect(online.every((p) => p.gateway === 'sandbox' && p.providerPaymentId?.startsWith('sbx_pay_'))).toBe(true);
      expect(month.rows.get('paid by card')).toEqual({
        count: online.length,
        ...sums(
          online,
          (p) => p.currency,
          (p) => p.amount,
        ),
      });
      const recovered = online.filter((p) => (attemptOf.get(p.id)?.attemptNumber ?? 0) > 1).length;
      const declined = attempts.filter((a) => a.status === 'failed' && a.failedAt?.slice(0, 7) === month.label);
      const codes = [...new Set(declined.map((a) => a.decline?.code as string))].sort();
      const line = lines.find((text, i) => text.startsWith('  card charges') && i > lines.indexOf(month.header));
      expect(line).toBe(
        `  card charges      ${online.length} succeeded (${recovered} recovered on retry), ${declined.length} declined` +
          (codes.length === 0
            ? ''
            : ` (${codes.map((code) => `${code} ${declined.filter((a) => a.decline?.code === code).length}`).join(', ')})`),
      );
      expect(online.length).toBeGreaterThan(0);
      expect(recovered).toBeGreaterThan(0);
    }
  });

  it('prints the failed-payments report: each decline with its code, stolen cards never retried', async () => {
    const attempts = await listAll<PaymentAttempt>((page) => storage.paymentAttempts.list(page));
    const failed = attempts.filter((a) => a.status === 'failed');
    const byCode = (code: string) => failed.filter((a) => a.decline?.code === code);
    expect(byCode('insufficient_funds').every((a) => a.decline?.kind === 'soft')).toBe(true);
    expect(byCode('stolen_card').every((a) => a.decline?.kind === 'hard')).toBe(true);
    expect(byCode('insufficient_funds').length).toBeGreaterThan(0);
    expect(byCode('stolen_card').length).toBeGreaterThan(0);
    expect(lines).toContain(
      `Card declines ${failed.length} in the failed-payments report: stolen_card (hard) ${byCode('stolen_card').length}, ` +
        `insufficient_funds (soft) ${byCode('insufficient_funds').length}`,
    );
    // Each listed decline is a stored failed attempt on that invoice with that code and amount.
    const byNumber = new Map(invoices.map((invoice) => [invoice.number, invoice]));
    const listed = lines.flatMap((line) => {
      const row =
        /^ {14}(\d{4}-\d{2}-\d{2}) {2}(INV-\d{4}-\d{6}) {2}([A-Z]{3}) +(\d+\.\d{2}) {2}(\w+) \(attempt (\d+)\) {2}.+, invoice now (\w+)$/.exec(
          line,
        );
      return row === null ? [] : [row];
    });
    expect(listed.length).toBe(Math.min(failed.length, 8));
    for (const [, day, number, currency, amount, code, attempt, status] of listed) {
      const invoice = byNumber.get(number);
      expect(invoice?.status).toBe(status);
      expect(
        failed.filter(
          (a) =>
            a.invoiceId === invoice?.id &&
            a.failedAt?.slice(0, 10) === day &&
            a.currency === currency &&
            a.amount === amount &&
            a.decline?.code === code &&
            a.attemptNumber === Number(attempt),
        ),
      ).toHaveLength(1);
    }
    // A soft decline was retried and recovered; a hard one was never tried again.
    for (const soft of byCode('insufficient_funds')) {
      const retry = attempts.find((a) => a.invoiceId === soft.invoiceId && a.attemptNumber === soft.attemptNumber + 1);
      expect(retry).toMatchObject({ trigger: 'retry', status: 'succeeded' });
      // Due a day later (the policy's first retry), charged by the next morning's collections run.
      const waited = Date.parse(retry?.updatedAt ?? '') - Date.parse(soft.failedAt ?? '');
      expect(waited).toBeGreaterThanOrEqual(86_400_000);
      expect(waited).toBeLessThan(2 * 86_400_000);
    }
    for (const hard of byCode('stolen_card')) {
      expect(attempts.filter((a) => a.invoiceId === hard.invoiceId)).toHaveLength(1);
      expect(hard.dueAt).toBeUndefined();
      expect(invoices.find((i) => i.id === hard.invoiceId)?.status).toBe('open');
    }
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

  /** The printed lines of the block that starts with `label`, without it. */
  const block = (label: string) => {
    const start = lines.findIndex((line) => line.startsWith(label));
    const end = lines.findIndex((line, i) => i > start && line === '');
    return lines.slice(start + 1, end < 0 ? undefined : end).map((line) => line.trim());
  };
  const demoMonths = { fromMonth: '2026-01', toMonth: '2026-02' };

  it('ends with the revenue recognised per month as the plain (list-based) queries compute it', async () => {
    const plain = buildRevenueReport(await listReportQueries(storage).recognisedRevenue(demoMonths), demoMonths);
    expect(plain.totals.length).toBeGreaterThanOrEqual(2);
    expect(block('Revenue')).toEqual(
      plain.totals.map((t) => `${t.month}  ${t.currency} invoiced ${t.invoiced}, credited ${t.credited}, net ${t.net}`),
    );
    for (const t of plain.totals) {
      expect(money(t.invoiced, t.currency).subtract(money(t.credited, t.currency)).toString()).toBe(t.net);
    }
  });

  it('prints MRR / ARR per month whose movements add up, as the plain queries compute them', async () => {
    const cells = await listReportQueries(storage).recurringRevenue({ fromMonth: '2025-12', toMonth: '2026-02' });
    const plain = buildMrrReport(cells, demoMonths);
    const printed = block('MRR / ARR').map((line) => {
      const m =
        /^(\d{4}-\d{2}) {2}(\w{3}) MRR (\S+), ARR (\S+) \(opening (\S+), new (\S+), expansion (\S+), contraction (\S+), churn (\S+)\), (\d+) customers$/.exec(
          line,
        );
      expect(m, line).not.toBeNull();
      const [, month, currency, closing, arr, opening, added, expansion, contraction, churn, customers] =
        m as RegExpExecArray;
      return {
        month,
        currency,
        closing,
        arr,
        opening,
        new: added,
        expansion,
        contraction,
        churn,
        customers: Number(customers),
      };
    });
    expect(printed).toEqual(
      plain.months.map(
        ({ month, currency, closing, arr, opening, expansion, contraction, churn, customers, ...rest }) => ({
          month,
          currency,
          closing,
          arr,
          opening,
          new: rest.new,
          expansion,
          contraction,
          churn,
          customers,
        }),
      ),
    );
    for (const row of printed) {
      const c = (text: string | undefined) => money(text as string, row.currency as string);
      const moved = c(row.opening)
        .add(c(row.new))
        .add(c(row.expansion))
        .subtract(c(row.contraction))
        .subtract(c(row.churn));
      expect(moved.toString()).toBe(row.closing);
      expect(c(row.closing).multiply('12').toString()).toBe(row.arr);
      const before = printed.find((p) => p.currency === row.currency && (p.month as string) < (row.month as string));
      expect(row.opening).toBe(before?.closing ?? '0.00');
    }
  });

  it('ends with customer aging whose totals are the open invoices at the end', () => {
    const open = invoices.filter((invoice) => invoice.status === 'open');
    expect(lines.find((line) => line.startsWith('Aging'))).toContain('on 2026-03-01 by days past due');
    const owed = sums(
      open,
      (i) => i.currency,
      (i) => i.amountRemaining,
    );
    const printed = block('Aging');
    for (const currency of ['EUR', 'USD']) {
      const own = open.filter((i) => i.currency === currency);
      if (own.length === 0) continue;
      const line = printed.find((l) => l.startsWith(`${currency} `)) as string;
      expect(line).toMatch(new RegExp(`: ${owed[currency]} on ${own.length} invoices$`));
      const buckets = AGING_BUCKETS.map((bucket) => {
        const m = new RegExp(`${bucket.replace('+', '\\+')} (\\d+\\.\\d{2})`).exec(line);
        return money((m as RegExpExecArray)[1] as string, currency);
      });
      expect(buckets.reduce((a, b) => a.add(b)).toString()).toBe(owed[currency]);
    }
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
