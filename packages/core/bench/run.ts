/**
 * Core benchmarks: `rate` on a 4-tier graduated price and `calculateInvoice` on a 10-line invoice with two tax
 * rates and a discount, each next to the same computation in plain BigInt minor units (see baselines.ts),
 * measured in the same run. Target: both within 15× of their baseline. `rate` is measured twice: on a plain price
 * object (validated on every call) and on a deeply frozen one (validated once).
 */
import { compare } from '@billfold/bench-kit';
import { calculateInvoice, type InvoiceInput, type Price, rate } from '../src/index';
import { graduatedBaseline, invoiceBaseline, parseBaselineTiers } from './baselines';

const tiers = [
  { upTo: '1000', unitAmount: '0', flatAmount: '0' },
  { upTo: '10000', unitAmount: '0.002' },
  { upTo: '100000', unitAmount: '0.0015', flatAmount: '5' },
  { upTo: null, unitAmount: '0.001' },
];
const graduated: Price = { model: 'graduated', currency: 'EUR', tiers };
// A deeply frozen copy: validated once and remembered (a catalog loaded once and frozen rates this way).
const frozenGraduated: Price = Object.freeze({
  ...graduated,
  tiers: Object.freeze(tiers.map((tier) => Object.freeze({ ...tier }))),
}) as Price;
const baselineTiers = parseBaselineTiers(tiers);

const vat = { id: 'vat', name: 'VAT', percentage: '19', inclusive: false };
const levy = { id: 'levy', name: 'Levy', percentage: '2.5', inclusive: false };
const amounts = ['19.99', '5.00', '120.50', '0.99', '42.42', '7.25', '1000.00', '3.33', '15.75', '64.10'];
const invoice: InvoiceInput = {
  currency: 'EUR',
  lines: amounts.map((amount, i) => ({ id: `l${i}`, description: `Line ${i + 1}`, amount, taxRates: [vat, levy] })),
  discounts: [{ percentOff: '10' }],
};
const baselineLines = amounts.map((amount) => ({ amount }));

// Both sides must agree before their speed means anything.
const rated = rate(graduated, '123456');
const expected = graduatedBaseline(baselineTiers, '123456');
if (rated.amount !== `${expected / 100n}.${(expected % 100n).toString().padStart(2, '0')}`) {
  throw new Error(`rate ${rated.amount} disagrees with the baseline ${expected}`);
}
const calculated = calculateInvoice(invoice);
const baseline = invoiceBaseline(baselineLines, 100_000n, [190_000n, 25_000n]);
if (calculated.total !== `${baseline.total / 100n}.${(baseline.total % 100n).toString().padStart(2, '0')}`) {
  throw new Error(`calculateInvoice total ${calculated.total} disagrees with the baseline ${baseline.total}`);
}

await compare('@billfold/core', [
  {
    subject: { name: 'rate(graduated 4 tiers)', run: () => rate(graduated, '123456') },
    baseline: { name: 'BigInt graduated', run: () => graduatedBaseline(baselineTiers, '123456') },
    maxRatio: 15,
  },
  {
    subject: { name: 'rate(frozen graduated 4 tiers)', run: () => rate(frozenGraduated, '123456') },
    baseline: { name: 'BigInt graduated (again)', run: () => graduatedBaseline(baselineTiers, '123456') },
    maxRatio: 15,
  },
  {
    subject: { name: 'calculateInvoice(10 lines, 2 taxes, discount)', run: () => calculateInvoice(invoice) },
    baseline: { name: 'BigInt invoice', run: () => invoiceBaseline(baselineLines, 100_000n, [190_000n, 25_000n]) },
    maxRatio: 15,
  },
]);
