import { type CatalogPrice, type Invoice, priceSpecIn } from '@billfold/core';
import { reportLines } from './report-lines';
import type { MonthReport, ScenarioResult } from './scenario';
import { DATA_INCLUDED_GB, DEMO_CURRENCIES, type PricePerCurrency } from './seed-catalog';
import type { ShowcaseInvoice } from './write-documents';

/** What the demo printout is made of. */
export interface DemoPrintout {
  readonly result: ScenarioResult;
  /** Where the data lives, for people: `PGlite (in memory)`. */
  readonly target: string;
  readonly showcases: readonly ShowcaseInvoice[];
  /** The absolute path of the documents folder. */
  readonly outDir: string;
}

/** What a price charges in `currency` (its spec, or its currency option in it): the flat amount or unit price. */
const amountOf = (price: CatalogPrice, currency: string): string => {
  const spec = priceSpecIn(price, currency);
  if (spec?.model === 'flat') return spec.amount;
  if (spec?.model === 'per_unit') return spec.unitAmount;
  if (spec?.model === 'graduated') return spec.tiers.at(-1)?.unitAmount ?? '?';
  return '?';
};
const both = (prices: PricePerCurrency) => DEMO_CURRENCIES.map((c) => `${c} ${amountOf(prices[c], c)}`).join(' / ');

/** `EUR    12.50   USD     0.00`: every demo currency, amounts right-aligned. */
function perCurrency(amounts: Readonly<Record<string, string>>): string {
  return DEMO_CURRENCIES.map((c) => `${c} ${(amounts[c] ?? '0.00').padStart(9)}`).join('   ');
}

function monthLines(month: MonthReport): string[] {
  const methods = month.paymentMethods;
  const row = (label: string, count: number | '', amounts: Readonly<Record<string, string>>, note = '') =>
    `  ${label.padEnd(18)}${String(count).padStart(4)}   ${perCurrency(amounts)}${note}`.trimEnd();
  const lines = [
    `${month.label}  sign-ups ${month.signups}, upgrades ${month.upgrades}, downgrades ${month.downgrades}, ` +
      `static IPs added ${month.addOns}, cancellations ${month.cancellations}, pauses ${month.pauses}, ` +
      `data ${month.usageGb} GB in ${month.usageEvents} events`,
    row('invoices made', month.invoices, month.invoiced),
    row(
      'payments received',
      month.payments,
      month.received,
      `   (cash ${methods.cash}, cheque ${methods.cheque}, bank transfer ${methods.bank_transfer}, card ${methods.card})`,
    ),
    row('paid by card', methods.card, month.collectedOnline, '   (collected online, sandbox gateway)'),
    `  card charges      ${cardCharges(month)}`,
    row('credit notes', month.creditNotes, month.credited),
    row('outstanding', month.openInvoices, month.outstanding, '   (open invoices at month end)'),
    row('customer credit', '', month.customerCredit),
    row('late fees charged', month.fees, month.feesCharged, '   (before tax)'),
    `  collections       ${month.reminders} reminders sent, ${month.overdue} invoices became overdue, ` +
      `${month.suspended} ${month.suspended === 1 ? 'line' : 'lines'} suspended`,
  ];
  for (const error of month.runErrors) lines.push(`  billing run error: ${error}`);
  return lines;
}

/** `5 succeeded (1 recovered on retry), 2 declined (insufficient_funds 1, stolen_card 1)`. */
function cardCharges(month: MonthReport): string {
  const declines = Object.entries(month.cardDeclines).sort(([a], [b]) => (a < b ? -1 : 1));
  const declined = declines.reduce((sum, [, n]) => sum + n, 0);
  const codes = declines.length === 0 ? '' : ` (${declines.map(([code, n]) => `${code} ${n}`).join(', ')})`;
  return (
    `${month.paymentMethods.card} succeeded (${month.cardRecoveries} recovered on retry), ` +
    `${declined} declined${codes}`
  );
}

/** At most this many declines are listed one by one; `billfold report failed-payments` lists them all. */
const DECLINES_LISTED = 8;

/** The failed-payments report of the whole demo: declines by code, per currency, and the first few one by one. */
function failedPaymentLines(result: ScenarioResult, label: (text: string, first?: boolean) => string): string[] {
  const report = result.failedPayments;
  const invoiceNumbers = new Map(result.invoices.map((invoice) => [invoice.id, invoice.number ?? invoice.id]));
  const names = new Map(result.customers.map(({ customer }) => [customer.id, customer.name]));
  const codes = report.byCode.map((code) => `${code.code} (${code.kind}) ${code.attempts}`).join(', ');
  const lines = [
    `${label('Card payments')}${result.cardCustomers} customers pay by card, charged automatically through an ` +
      'in-process SANDBOX gateway (test cards, no money moves):',
    `${label('', false)}card 4242 always goes through, 9995 is short of funds once per invoice (retried a day later), ` +
      '9979 is reported stolen (never retried)',
    `${label('Card declines')}${report.rows.length} in the failed-payments report${codes === '' ? '' : `: ${codes}`}`,
  ];
  for (const total of report.totals) {
    lines.push(
      `${label('', false)}${total.currency} ${total.declined} declined on ${total.invoices} invoices, ` +
        `${total.recovered} recovered since`,
    );
  }
  for (const row of report.rows.slice(0, DECLINES_LISTED)) {
    lines.push(
      `${label('', false)}${row.failedAt.slice(0, 10)}  ${invoiceNumbers.get(row.invoiceId)}  ` +
        `${row.currency} ${row.amount.padStart(8)}  ${row.declineCode} (attempt ${row.attemptNumber})  ` +
        `${names.get(row.customerId) ?? row.customerId}, invoice now ${row.invoiceStatus}`,
    );
  }
  if (report.rows.length > DECLINES_LISTED) {
    lines.push(`${label('', false)}… ${report.rows.length - DECLINES_LISTED} more: billfold report failed-payments`);
  }
  return lines;
}

/** The late payer's story (reminded, charged, cut off or paid up) and what waits in the outbox, by kind. */
function collectionsLines(result: ScenarioResult, label: (text: string, first?: boolean) => string): string[] {
  const lines: string[] = [];
  const late = result.latePayer;
  if (late !== undefined) {
    const [first] = late.feeInvoices;
    const billedOn = first === undefined ? '' : ` billed on ${late.feeInvoices.length} invoices from ${first}`;
    lines.push(
      `${label('Late payer')}${late.name}: ${late.reminders} reminders, ${late.fees} late fees ${late.feesCharged}` +
        `${billedOn}`,
      `${label('', false)}service ${late.access}`,
    );
  }
  const count = (kind: string) => result.outbox[kind] ?? 0;
  const total = Object.values(result.outbox).reduce((sum, n) => sum + n, 0);
  lines.push(
    `${label('Outbox')}${total} notifications waiting to be emailed, among them ${count('invoice.finalized')} ` +
      `invoices, ${count('invoice.reminder')} reminders, ${count('invoice.fee_charged')} late fees, ` +
      `${count('subscription.suspended')} suspensions`,
    `${label('', false)}after a demo with --db or --data-dir, billfold outbox dispatch --schema billfold_demo ` +
      '--email-config FILE sends them (docs/collections.md)',
  );
  return lines;
}

/**
 * Document numbers per sequence as `INV-2026-000001 … INV-2026-000042 (42, no gaps)`: first, last, how many, and
 * how many numbers from 1 to the last are missing.
 */
export function numberRanges(numbers: readonly string[]): string[] {
  const bySequence = new Map<string, { value: number; text: string }[]>();
  for (const text of numbers) {
    const cut = text.lastIndexOf('-');
    const sequence = text.slice(0, cut);
    bySequence.set(sequence, [...(bySequence.get(sequence) ?? []), { value: Number(text.slice(cut + 1)), text }]);
  }
  return [...bySequence.values()].map((list) => {
    const sorted = [...list].sort((a, b) => a.value - b.value);
    const first = sorted[0] as { value: number; text: string };
    const last = sorted.at(-1) as { value: number; text: string };
    const missing = last.value - new Set(sorted.map((entry) => entry.value)).size;
    return `${first.text} … ${last.text} (${sorted.length}, ${missing === 0 ? 'no gaps' : `${missing} missing`})`;
  });
}

/**
 * The demo's printout, line by line: the catalog and customers, then per month what happened (invoices and
 * their totals per currency, payments, card payments and declines, credit notes, outstanding balance, customer
 * credit, late fees and collections), the invoice and credit-note numbers, where the documents are, the
 * failed-payments report, the late payer and the outbox, and at the end the revenue (recognised), MRR / ARR and
 * customer aging reports.
 * Deterministic: the same result prints the same text.
 */
export function formatDemo({ result, target, showcases, outDir }: DemoPrintout): string[] {
  const { catalog, customers, months } = result;
  const count = (region: string) => customers.filter((c) => c.region === region).length;
  const invoiceNumbers = result.invoices.flatMap((invoice: Invoice) => (invoice.number ? [invoice.number] : []));
  const label = (text: string, first = true) => (first ? text : '').padEnd(14);
  const lines = [
    `Billfold demo: an internet provider with ${customers.length} customers over ${months.length} ` +
      `${months.length === 1 ? 'month' : 'months'} ` +
      `from ${result.start.slice(0, 10)}, on ${target}`,
    '',
    `${label('Catalog')}${catalog.plans.map((p) => `${p.billingCode} ${both(p.prices)}`).join(', ')} a month in advance`,
    `${label('', false)}DATA ${DATA_INCLUDED_GB} GB included, then ${both(catalog.data)} per GB in arrears; ` +
      `IP-STATIC ${both(catalog.staticIp)} a month; SETUP ${both(catalog.setup)} once`,
    `${label('', false)}HW-ROUTER ${both(catalog.router)} once, on a new customer's first invoice; ` +
      `MAG-NETZ magazine EUR ${amountOf(catalog.magazine, 'EUR')} a month at the reduced German VAT (7%)`,
    `${label('', false)}coupon ${catalog.coupon.name}`,
    `${label('Customers')}${count('DE')} in Germany (VAT 19%), ${count('EU-B2B')} EU business (reverse charge), ` +
      `${count('US-NY')} in New York and ${count('US-TX')} in Austin (state + city sales tax)`,
  ];
  for (const month of months) lines.push('', ...monthLines(month));
  lines.push('');
  lines.push(...numberRanges(invoiceNumbers).map((range, i) => `${label('Invoices', i === 0)}${range}`));
  lines.push(...numberRanges(result.creditNoteNumbers).map((range, i) => `${label('Credit notes', i === 0)}${range}`));
  lines.push('');
  showcases.forEach(({ invoice, shows }, i) => {
    lines.push(`${label('Documents', i === 0)}${invoice.number} (${invoice.currency} ${invoice.total}): ${shows}`);
  });
  lines.push(`${label('', false)}as HTML, PDF, CSV and, for EU VAT, UBL XML (EN 16931) in ${outDir}`);
  lines.push('', ...failedPaymentLines(result, label));
  lines.push('', ...collectionsLines(result, label));
  lines.push('', ...reportLines(result, label));
  return lines;
}
