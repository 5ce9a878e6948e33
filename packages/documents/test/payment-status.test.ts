import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderInvoice } from '../src/index';
import { engineWorld, GERMAN_SELLER, planChange } from './engine-invoices';
import { pdfPages } from './pdf-tools';
import { findTool, suiteTitle } from './tools';

const seller = GERMAN_SELLER;

/** An engine world with one 19 % customer in `timeZone` and a one-off invoice of 100.00 (119.00 with VAT). */
async function invoiceOf100(timeZone = 'Europe/Berlin') {
  const world = engineWorld();
  const vat = await world.rate({ percentage: '19' });
  const customerId = await world.customer({ taxRateIds: [vat.id], timeZone, locale: 'en-GB' });
  const invoice = await world.billing.invoices.createOneOff({
    customerId,
    lines: [{ description: 'Installation', amount: '100.00' }],
    autoFinalize: true,
  });
  return { world, customerId, invoice };
}

const summary = (csv: string) =>
  Object.fromEntries(
    (parse(csv, { columns: true, bom: true }) as Record<string, string>[])
      .filter((record) => record.record_type === 'summary')
      .map((record) => [record.summary, record.amount]),
  );

describe('dates in the customer’s time zone', () => {
  it('prints the engine’s due date: the end of the local day, not the UTC day after it', async () => {
    // Issued 10 Jan 09:00 UTC = 01:00 in Los Angeles; 14 days later, end of day there = 25 Jan 07:59:59.999 UTC.
    const { invoice } = await invoiceOf100('America/Los_Angeles');
    expect(invoice.dueAt).toBe('2026-01-25T07:59:59.999Z');
    expect(invoice.customerSnapshot?.timeZone).toBe('America/Los_Angeles');
    const html = (await renderInvoice(invoice, { format: 'html', seller })).body;
    expect(html).toContain('<dt>Due date</dt><dd>24 January 2026</dd>');
    const ubl = (await renderInvoice(invoice, { format: 'ubl', seller })).body;
    expect(ubl).toContain('<cbc:DueDate>2026-01-24</cbc:DueDate>');
    // An explicit zone still wins.
    const utc = (await renderInvoice(invoice, { format: 'html', seller, timeZone: 'UTC' })).body;
    expect(utc).toContain('<dt>Due date</dt><dd>25 January 2026</dd>');
  });
});

describe('paid, partly paid and credited invoices', () => {
  it('marks a paid invoice paid in HTML, CSV and UBL instead of asking for payment', async () => {
    const { world, customerId, invoice } = await invoiceOf100();
    world.clock.advance({ days: 2 });
    await world.billing.payments.record({ customerId, amount: '119.00', currency: 'EUR', method: 'bank_transfer' });
    const paid = await world.billing.invoices.get(invoice.id);
    expect(paid.status).toBe('paid');
    const html = (await renderInvoice(paid, { format: 'html', seller })).body;
    expect(html).toContain('Paid in full on 12 January 2026. Thank you.');
    expect(html).toContain('<dt>Status</dt><dd>Paid, 12 January 2026</dd>');
    expect(html).not.toContain('Please pay');
    expect(html).not.toContain(seller.bankAccount?.iban as string);
    const csv = summary((await renderInvoice(paid, { format: 'csv', seller })).body);
    expect(csv).toMatchObject({ amount_due: '119.00', amount_paid: '119.00', amount_remaining: '0.00' });
    const ubl = (await renderInvoice(paid, { format: 'ubl', seller })).body;
    expect(ubl).toContain('<cbc:PrepaidAmount currencyID="EUR">119.00</cbc:PrepaidAmount>');
    expect(ubl).toContain('<cbc:PayableAmount currencyID="EUR">0.00</cbc:PayableAmount>');
  });

  it('asks a partly paid invoice for the rest only', async () => {
    const { world, customerId, invoice } = await invoiceOf100();
    await world.billing.payments.record({ customerId, amount: '19.00', currency: 'EUR', method: 'cash' });
    const partly = await world.billing.invoices.get(invoice.id);
    const html = (await renderInvoice(partly, { format: 'html', seller })).body;
    expect(html).toContain('Please pay €100.00 by 24 January 2026.');
    const csv = summary((await renderInvoice(partly, { format: 'csv', seller })).body);
    expect(csv).toMatchObject({ amount_due: '119.00', amount_paid: '19.00', amount_remaining: '100.00' });
  });

  it('shows a negative total as credit on the balance, not as something to pay', async () => {
    const downgrade = await planChange('29.00');
    const credited = downgrade.total.slice(1);
    const html = (await renderInvoice(downgrade, { format: 'html', seller, locale: 'en-GB' })).body;
    expect(html).toContain(`No payment is due: €${credited} has been credited to your account balance.`);
    expect(html).not.toContain('Please pay');
    const csv = summary((await renderInvoice(downgrade, { format: 'csv', seller })).body);
    expect(csv).toMatchObject({ total: downgrade.total, credited_to_balance: credited, amount_due: '0.00' });
  });

  it('shows a void invoice as void', async () => {
    const { world, invoice } = await invoiceOf100();
    const voided = await world.billing.invoices.void(invoice.id);
    const html = (await renderInvoice(voided, { format: 'html', seller })).body;
    expect(html).toContain('This invoice is void: nothing is owed.');
    expect(html).not.toContain('Please pay');
  });
});

const pdftotext = findTool('pdftotext', 'poppler-utils');

describe.skipIf(!pdftotext.available)(suiteTitle('paid invoices in the PDF', pdftotext), () => {
  it('says paid, in German too, and prints no bank details', async () => {
    const { world, customerId, invoice } = await invoiceOf100();
    await world.billing.payments.record({ customerId, amount: '119.00', currency: 'EUR', method: 'bank_transfer' });
    const paid = await world.billing.invoices.get(invoice.id);
    const text = pdfPages((await renderInvoice(paid, { format: 'pdf', seller, locale: 'de-DE' })).body).join('\n');
    expect(text).toContain('Vollständig bezahlt am 10. Januar 2026. Vielen Dank.');
    expect(text).not.toContain('Bitte überweisen');
    expect(text).not.toContain('IBAN');
  });
});

if (pdftotext.mustFail) {
  it('has pdftotext in CI', () => {
    throw new Error(pdftotext.reason);
  });
}
