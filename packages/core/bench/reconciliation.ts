/**
 * Reconciliation benchmarks, each beside a baseline measured in the same run:
 * - `parseCamt` on a 10,000-entry camt.053.001.08 statement vs a plain regex scan of the same text that pulls out
 *   each entry's amount, reference and remittance line (no validation, no structure);
 * - `matchStatement` of those 10,000 entries against 100,000 open invoices vs a `Map` lookup of the invoice
 *   number found by a regex in each remittance line (exact numbers only: no RF, typos, payers or proposals).
 * Both sides build their own indexes inside the timed run.
 */
import { compareOnce } from '@billfold/bench-kit';
import { createCreditorReference, matchStatement, type OpenInvoice, parseCamt } from '../src/index';
import { camtDocument, type EntrySpec } from '../test/reconciliation/camt-fixtures';

const INVOICES = 100_000;
const ENTRIES = 10_000;
const number = (n: number) => `INV-2026-${String(n).padStart(6, '0')}`;
const cents = (n: number) => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
const iban = (customer: number) => `XX00BANK${String(customer).padStart(10, '0')}`;

const openInvoices: OpenInvoice[] = Array.from({ length: INVOICES }, (_, i) => ({
  id: `inv_${i + 1}`,
  number: number(i + 1),
  customerId: `cus_${i % 20_000}`,
  currency: 'EUR',
  amountRemaining: cents(1_000 + ((i * 7919) % 90_000)),
  dueAt: `2026-01-${String((i % 28) + 1).padStart(2, '0')}`,
}));
const knownPayers = Array.from({ length: 20_000 }, (_, c) => ({ customerId: `cus_${c}`, ibans: [iban(c)] }));

// 60 % quote the number, 10 % the RF reference, 10 % a transposed number, 10 % only a known IBAN, 10 % nothing
const entries: EntrySpec[] = Array.from({ length: ENTRIES }, (_, e) => {
  const invoice = openInvoices[(e * 9973) % INVOICES] as OpenInvoice;
  const kind = e % 10;
  const text =
    kind < 6
      ? `Invoice ${invoice.number} thank you`
      : kind === 6
        ? createCreditorReference(invoice.number)
        : kind === 7
          ? invoice.number.replace(/(\d)(\d)$/, '$2$1')
          : 'monthly payment';
  return {
    reference: `2026013100${String(e).padStart(6, '0')}`,
    amount: invoice.amountRemaining,
    transactions: [
      {
        endToEndId: `E2E-${e}`,
        debtorName: `Customer ${invoice.customerId}`,
        ...(kind === 8 ? { debtorIban: iban(Number(invoice.customerId.slice(4))) } : {}),
        unstructured: [text],
      },
    ],
  };
});
const xml = camtDocument({
  message: '053',
  version: '08',
  statements: [{ id: 'STMT-BENCH', iban: 'DE89370400440532013000', entries }],
});

/** The cheapest look at the same file: one regex over the entries and three inside each. */
function regexScan(text: string): { amount: string; reference: string; remittance: string }[] {
  const found: { amount: string; reference: string; remittance: string }[] = [];
  for (const [entry] of text.matchAll(/<Ntry>[\s\S]*?<\/Ntry>/g)) {
    found.push({
      amount: /<Amt Ccy="[A-Z]{3}">([^<]*)<\/Amt>/.exec(entry)?.[1] ?? '',
      reference: /<AcctSvcrRef>([^<]*)<\/AcctSvcrRef>/.exec(entry)?.[1] ?? '',
      remittance: /<Ustrd>([^<]*)<\/Ustrd>/.exec(entry)?.[1] ?? '',
    });
  }
  return found;
}

/** The cheapest match: a Map of invoice numbers, a regex per remittance line, an amount comparison. */
function mapLookup(lines: readonly { amount: string; remittance: string }[], invoices: readonly OpenInvoice[]): number {
  const byNumber = new Map(invoices.map((invoice) => [invoice.number, invoice]));
  let matched = 0;
  for (const line of lines) {
    const quoted = /INV-\d{4}-\d{6}/.exec(line.remittance)?.[0];
    const invoice = quoted === undefined ? undefined : byNumber.get(quoted);
    if (invoice !== undefined && invoice.amountRemaining === line.amount) matched++;
  }
  return matched;
}

const parsed = parseCamt(xml);
const scanned = regexScan(xml);
if (parsed.entries.length !== ENTRIES || scanned.length !== ENTRIES)
  throw new Error('the two sides read different entry counts');
const result = matchStatement({ entries: parsed.entries, openInvoices, knownPayers });
const baselineMatched = mapLookup(scanned, openInvoices);
// the matcher also finds the RF-quoted and known-account payments the baseline cannot see
if (result.counts.exact < baselineMatched)
  throw new Error(`matchStatement found ${result.counts.exact} exact, the baseline ${baselineMatched}`);
console.log(
  `\nstatement: ${(xml.length / 1e6).toFixed(1)} MB, ${ENTRIES} entries; matchStatement: ${JSON.stringify(result.counts)}; baseline exact: ${baselineMatched}`,
);

await compareOnce(
  `parseCamt: camt.053.001.08 with ${ENTRIES.toLocaleString('en-US')} entries`,
  { name: 'parseCamt', run: () => parseCamt(xml) },
  { name: 'regex scan of the same text', run: () => regexScan(xml) },
  { items: ENTRIES, unit: 'entries', repetitions: 5 },
);
await compareOnce(
  `matchStatement: ${ENTRIES.toLocaleString('en-US')} entries against ${INVOICES.toLocaleString('en-US')} open invoices`,
  { name: 'matchStatement', run: () => matchStatement({ entries: parsed.entries, openInvoices, knownPayers }) },
  { name: 'Map lookup of regex-found numbers', run: () => mapLookup(scanned, openInvoices) },
  { items: ENTRIES, unit: 'entries', repetitions: 3 },
);
