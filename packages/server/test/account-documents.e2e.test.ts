import { expect, it } from 'vitest';
import { csvRecords, flat, pdfText } from './support/document-tools';
import { describePortalEndToEnd } from './support/portal-e2e';
import type { PortalFixture } from './support/portal-fixture';

/*
 * Payments, receipts and monthly statements end to end over real HTTP on PGlite and on a PostgreSQL server: a
 * customer (German, Berlin) lists their payments, downloads a receipt in every format and the statements of January
 * and February 2026; the figures are computed by hand below. The other customer's session reaches none of it.
 */

await describePortalEndToEnd('receipts and statements', (portal) => {
  const a = () => portal().customers[0] as PortalFixture['customers'][number];
  const b = () => portal().customers[1] as PortalFixture['customers'][number];
  const read = (path: string) =>
    portal()
      .token(a().id, ['read'])
      .then((token) => portal().call(path, token));

  it('lists the payments and gives the receipt of one in every format: 18.80 by bank transfer on 5 February', async () => {
    const payments = await (await read('/payments')).json();
    expect(
      payments.items.map((p: { id: string; amount: string; method: string }) => [p.id, p.amount, p.method]),
    ).toEqual([[a().paymentId, '18.80', 'bank_transfer']]);
    expect(JSON.stringify(payments)).not.toContain('metadata');
    const payment = await (await read(`/payments/${a().paymentId}`)).json();
    // January: 20.00 + 19 % VAT = 23.80, less the 5.00 credit note: the transfer paid the 18.80 left.
    expect(payment).toMatchObject({
      status: 'succeeded',
      allocations: [{ invoiceId: a().invoiceIds[0], amount: '18.80' }],
      unapplied: '0.00',
      refunds: [],
    });
    const january = await (await read(`/invoices/${a().invoiceIds[0]}`)).json();
    const pdf = await read(`/payments/${a().paymentId}/receipt/pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(`attachment; filename="receipt-${a().paymentId}.pdf"`);
    const receipt = flat(pdfText(new Uint8Array(await pdf.arrayBuffer())));
    expect(receipt).toContain('Zahlungsbestätigung');
    expect(receipt).toContain('Wir haben 18,80 € am 5. Februar 2026 erhalten. Vielen Dank.');
    expect(receipt).toContain('Bezahlt per');
    expect(receipt).toContain('Überweisung');
    expect(receipt).toContain(`${january.number} · 1. Januar 2026 · Rechnungsbetrag 23,80 € · Bezahlt 18,80 €`);
    const html = await (await read(`/payments/${a().paymentId}/receipt/html`)).text();
    expect(html).toContain(`<th scope="row">${january.number}</th>`);
    const csv = await (await read(`/payments/${a().paymentId}/receipt/csv`)).text();
    expect(csvRecords(csv).find((r) => r.record_type === 'allocation')).toMatchObject({
      invoice_number: january.number,
      amount: '18.80',
    });
  });

  it('gives the monthly statement: February in Berlin closes at 29.75, the open February invoice', async () => {
    const rows = csvRecords(await (await read('/statements/2026-02/documents/csv')).text());
    // Brought forward: the January invoice, 23.80. February: its invoice (Basic 20.00 + 10 GB × 0.50 = 25.00,
    // + 4.75 VAT = 29.75), the 5.00 credit note and the 18.80 transfer: 23.80 + 29.75 − 5.00 − 18.80 = 29.75.
    expect(rows.map((r) => [r.record_type, r.kind, r.debit, r.credit, r.balance])).toEqual([
      ['opening', '', '', '', '23.80'],
      ['entry', 'invoice', '29.75', '0.00', '53.55'],
      ['entry', 'credit_note', '0.00', '5.00', '48.55'],
      ['entry', 'payment', '0.00', '18.80', '29.75'],
      ['closing', '', '29.75', '23.80', '29.75'],
      ['open_item', 'invoice', '29.75', '', ''],
      ['credit_balance', '', '', '', '0.00'],
    ]);
    // February is under way on 10 February: the statement is as of today.
    expect(rows.at(-1)?.date).toBe('2026-02-10');
    const january = csvRecords(await (await read('/statements/2026-01/documents/csv')).text());
    expect(january.find((r) => r.record_type === 'closing')?.balance).toBe('23.80');
    const pdf = await read('/statements/2026-02/documents/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="statement-${a().id}-2026-02-01-2026-02-28.pdf"`,
    );
    const text = flat(pdfText(new Uint8Array(await pdf.arrayBuffer())));
    expect(text).toContain('Kontoauszug');
    expect(text).toContain('Schlusssaldo 29,75 €');
    const html = await (await read('/statements/2026-02/documents/html')).text();
    expect(html).toContain('<html lang="de-DE">');
    const march = await read('/statements/2026-03/documents/pdf');
    expect([march.status, (await march.json()).code]).toEqual([400, 'invalid_input']);
  });

  it("gives the other customer's session none of it", async () => {
    const other = await portal().token(b().id, ['read']);
    for (const path of [`/payments/${a().paymentId}`, `/payments/${a().paymentId}/receipt/pdf`]) {
      expect((await portal().call(path, other)).status, path).toBe(404);
    }
    const payments = await (await portal().call('/payments', other)).json();
    expect(payments.items.map((p: { id: string }) => p.id)).toEqual([b().paymentId]);
    const statement = await (await portal().call('/statements/2026-02/documents/csv', other)).text();
    expect(statement).not.toContain(a().id);
    expect(csvRecords(statement)[0]?.customer_id).toBe(b().id);
  });
});
