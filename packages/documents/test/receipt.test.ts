import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type RECEIPT_CSV_COLUMNS, renderReceipt } from '../src/index';
import { engineWorld, GERMAN_SELLER } from './engine-invoices';
import { pdfPages } from './pdf-tools';
import { findTool, suiteTitle } from './tools';

const seller = GERMAN_SELLER;

/**
 * Two invoices of 119.00 and 59.50 (100.00 and 50.00 + 19 %), then 200.00 in cash: 178.50 pays both, 21.50 is
 * left as credit on the balance. The customer lives in Los Angeles; the payment comes on 10 Jan at 05:00 UTC,
 * which is 9 January there.
 */
async function paidTwice() {
  const world = engineWorld();
  const vat = await world.rate({ percentage: '19' });
  const customerId = await world.customer({ taxRateIds: [vat.id], timeZone: 'America/Los_Angeles', locale: 'en-US' });
  const invoice = (amount: string) =>
    world.billing.invoices.createOneOff({ customerId, lines: [{ description: 'Work', amount }], autoFinalize: true });
  const first = await invoice('100.00');
  const second = await invoice('50.00');
  world.clock.set('2026-01-11T05:00:00Z');
  const payment = await world.billing.payments.record({
    customerId,
    amount: '200.00',
    currency: 'EUR',
    method: 'cash',
    reference: 'Till 3',
  });
  const invoices = await Promise.all([first.id, second.id].map((id) => world.billing.invoices.get(id)));
  return { payment, invoices, numbers: invoices.map((i) => i.number as string) };
}

describe('receipts', () => {
  it('confirm the money, the invoices it paid and the credit left, in the customer’s time zone (HTML)', async () => {
    const { payment, invoices, numbers } = await paidTwice();
    expect(payment.unapplied).toBe('21.50');
    const html = await renderReceipt(payment, invoices, { format: 'html', seller });
    expect(html.fileName).toBe(`receipt-${payment.id}.html`);
    expect(html.body).toContain('<h1>Receipt</h1>');
    expect(html.body).toContain('We received €200.00 on January 10, 2026. Thank you.');
    expect(html.body).toContain('<dt>Paid by</dt><dd>Cash</dd><dt>Reference</dt><dd>Till 3</dd>');
    for (const number of numbers) expect(html.body).toContain(`<th scope="row">${number}</th>`);
    expect(html.body).toContain('€119.00</td><td class="num">€119.00');
    expect(html.body).toContain('<th scope="row">Credited to your balance</th><td class="num">€21.50</td>');
    expect(html.body).not.toContain('Please pay');
  });

  it('as CSV: one allocation record per invoice and the summary', async () => {
    const { payment, invoices, numbers } = await paidTwice();
    const body = (await renderReceipt(payment, invoices, { format: 'csv', seller })).body;
    const records = parse(body, { columns: true, bom: true }) as Record<(typeof RECEIPT_CSV_COLUMNS)[number], string>[];
    expect(records.filter((r) => r.record_type === 'allocation').map((r) => [r.invoice_number, r.amount])).toEqual([
      [numbers[0], '119.00'],
      [numbers[1], '59.50'],
    ]);
    const summary = Object.fromEntries(
      records.filter((r) => r.record_type === 'summary').map((r) => [r.summary, r.amount]),
    );
    expect(summary).toEqual({
      amount_received: '200.00',
      applied_to_invoices: '178.50',
      credited_to_balance: '21.50',
      refunded: '0.00',
    });
    expect(records[0]).toMatchObject({ payment_date: '2026-01-10', method: 'cash', reference: 'Till 3' });
  });

  it('come in HTML, PDF and CSV only: a receipt is no tax invoice, so no UBL', async () => {
    const { payment, invoices } = await paidTwice();
    await expect(renderReceipt(payment, invoices, { format: 'ubl' as never, seller })).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['options', 'format'],
    });
  });

  it('refuse a payment not received, and invoices that do not fit it', async () => {
    const { payment, invoices } = await paidTwice();
    await expect(
      renderReceipt({ ...payment, status: 'pending' }, invoices, { format: 'html', seller }),
    ).rejects.toMatchObject({ code: 'invalid_state', path: ['payment', 'status'] });
    await expect(renderReceipt(payment, invoices.slice(1), { format: 'html', seller })).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['payment', 'allocations', 0, 'invoiceId'],
    });
    const stranger = { ...(invoices[0] as (typeof invoices)[number]), customerId: 'cus_other' };
    await expect(renderReceipt(payment, [stranger], { format: 'html', seller })).rejects.toMatchObject({
      code: 'invalid_input',
      path: ['invoices', 0, 'customerId'],
    });
    const unallocated = { ...payment, allocations: [] };
    await expect(renderReceipt(unallocated, [], { format: 'html', seller })).rejects.toMatchObject({
      path: ['options', 'customer'],
    });
  });
});

const pdftotext = findTool('pdftotext', 'poppler-utils');

describe.skipIf(!pdftotext.available)(suiteTitle('receipts as PDF', pdftotext), () => {
  it('read back with the amount, the invoices and the credit, in German', async () => {
    const { payment, invoices, numbers } = await paidTwice();
    const pdf = await renderReceipt(payment, invoices, { format: 'pdf', seller, locale: 'de-DE' });
    const text = pdfPages(pdf.body).join('\n');
    expect(text).toContain('Zahlungsbestätigung');
    expect(text).toContain('Wir haben 200,00 € am 10. Januar 2026 erhalten. Vielen Dank.');
    for (const number of numbers) expect(text).toContain(number);
    expect(text).toMatch(/Ihrem Guthaben gutgeschrieben\s+21,50 €/);
  });
});

if (pdftotext.mustFail) {
  it('has pdftotext in CI', () => {
    throw new Error(pdftotext.reason);
  });
}
