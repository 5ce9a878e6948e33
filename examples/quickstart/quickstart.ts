/** The README quickstart, runnable: `pnpm --filter @billfold/example-quickstart start`. */
import { calculateInvoice, formatMoney, money, rate } from '@billfold/core';

// 12,345 API calls on a graduated price: first 1,000 free, then 0.002 EUR each.
const usage = rate(
  {
    model: 'graduated',
    currency: 'EUR',
    tiers: [
      { upTo: '1000', unitAmount: '0' },
      { upTo: null, unitAmount: '0.002' },
    ],
  },
  '12345',
); // usage.amount === '22.69'

const vat = { id: 'de-vat', name: 'VAT', percentage: '19', inclusive: false };
const invoice = calculateInvoice({
  currency: 'EUR',
  lines: [
    { id: 'plan', description: 'Fibre 100', amount: '29.00', taxRates: [vat] },
    { id: 'api', description: 'API calls', amount: usage.amount, taxRates: [vat] },
  ],
  discounts: [{ percentOff: '10', appliesTo: ['plan'] }],
});
// subtotal 51.69, discount 2.90, tax 19% of 48.79 = 9.27, total 58.06

const show = (amount: string) => formatMoney(money(amount, invoice.currency), 'de-DE');
for (const line of invoice.lines) {
  console.log(
    `${line.description.padEnd(12)} ${show(line.amount).padStart(10)}  discount ${show(line.discountAmount)}`,
  );
}
console.log(`Subtotal     ${show(invoice.subtotal).padStart(10)}`);
console.log(`Discount     ${show(invoice.discountTotal).padStart(10)}`);
console.log(`VAT 19 %     ${show(invoice.taxTotal).padStart(10)}`);
console.log(`Total        ${show(invoice.total).padStart(10)}`);
