import { describe, expect, it } from 'vitest';
import { createEngineFixture, rejection, storageDump } from '../test-fixture';

describe('credit notes', () => {
  it('reduce what is still due first, and the rest becomes customer credit', async () => {
    const { billing, customer, notifications } = await createEngineFixture();
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'Installation', amount: '100.00' }],
      autoFinalize: true,
    }); // 119.00
    await billing.payments.record({ customerId: customer.id, amount: '50.00', currency: 'EUR', method: 'cash' });
    const line = invoice.lines[0];
    const note = await billing.creditNotes.create({
      invoiceId: invoice.id,
      lines: [{ invoiceLineId: line?.id, description: 'Installation not done', amount: '95.20' }],
      reason: 'order_change',
    });
    // 95.20 gross at 19% → net 80.00, tax 15.20; 69.00 was still due, the other 26.20 becomes credit.
    expect(note).toMatchObject({
      number: 'CN-2026-000001',
      invoiceNumber: 'INV-2026-000001',
      subtotal: '80.00',
      taxTotal: '15.20',
      total: '95.20',
      appliedToInvoice: '69.00',
      creditedToBalance: '26.20',
      lines: [{ invoiceLineId: line?.id, amount: '80.00', taxes: [{ rateId: 'txr_de_vat', amount: '15.20' }] }],
    });
    expect(await billing.invoices.get(invoice.id)).toMatchObject({
      status: 'paid',
      amountPaid: '50.00',
      amountCredited: '69.00',
      amountRemaining: '0.00',
      total: '119.00',
      version: 3,
    });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('26.20');
    expect(notifications.slice(-2).map((n) => n.type)).toEqual(['invoice.paid', 'credit_note.issued']);

    // The invoice still holds 119.00 − 95.20 = 23.80, all of it on that line.
    const tooMuch = await rejection(
      billing.creditNotes.create({
        invoiceId: invoice.id,
        lines: [{ invoiceLineId: line?.id, description: 'More', amount: '23.81' }],
        reason: 'other',
      }),
    );
    expect([tooMuch.code, tooMuch.path]).toEqual(['invalid_input', ['input', 'lines', 0, 'amount']]);
    const overall = await rejection(
      billing.creditNotes.create({ invoiceId: invoice.id, amount: '23.81', reason: 'other' }),
    );
    expect([overall.code, overall.path]).toEqual(['invalid_input', ['input', 'amount']]);
    const rest = await billing.creditNotes.create({
      invoiceId: invoice.id,
      amount: '23.80',
      reason: 'other',
      memo: 'goodwill',
    });
    // 23.80 with the invoice's mix (net 100.00, tax 19.00): net 20.00, tax 3.80; nothing left due → all credit
    expect(rest).toMatchObject({
      number: 'CN-2026-000002',
      subtotal: '20.00',
      taxTotal: '3.80',
      appliedToInvoice: '0.00',
      creditedToBalance: '23.80',
    });
    expect((await billing.balance.get(customer.id, 'EUR')).amount).toBe('50.00');
    expect((await billing.creditNotes.list({ invoiceId: invoice.id })).items.map((n) => n.number)).toEqual([
      'CN-2026-000001',
      'CN-2026-000002',
    ]);
    expect(
      (await rejection(billing.creditNotes.create({ invoiceId: invoice.id, amount: '0.01', reason: 'other' }))).code,
    ).toBe('invalid_input');
  });

  it('split tax by the credited line, parts summing exactly', async () => {
    const { billing, customer } = await createEngineFixture();
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [
        { description: 'A', amount: '10.00' },
        { description: 'B', amount: '33.33' },
      ],
      autoFinalize: true,
    }); // 10.00 + 1.90, 33.33 + 6.33 → 51.56
    expect(invoice.total).toBe('51.56');
    const note = await billing.creditNotes.create({
      invoiceId: invoice.id,
      lines: [
        { invoiceLineId: invoice.lines[1]?.id, description: 'B back', amount: '10.00' },
        { description: 'Goodwill', amount: '1.00' },
      ],
      reason: 'product_unsatisfactory',
    });
    // 10.00 by 6.33 : 33.33 → tax 1.5960… → 1.60, net 8.40; 1.00 by 8.23 : 43.33 → tax 0.1596… → 0.16, net 0.84
    expect(note.lines.map((l) => [l.amount, l.taxes[0]?.amount])).toEqual([
      ['8.40', '1.60'],
      ['0.84', '0.16'],
    ]);
    expect(note).toMatchObject({ subtotal: '9.24', taxTotal: '1.76', total: '11.00', appliedToInvoice: '11.00' });
    expect(await billing.invoices.get(invoice.id)).toMatchObject({
      status: 'open',
      amountCredited: '11.00',
      amountRemaining: '40.56',
    });
  });

  it('refuse drafts, void invoices, unknown invoices and lines, with storage unchanged', async () => {
    const { billing, customer, storage } = await createEngineFixture();
    const draft = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '10.00' }],
    });
    const open = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '10.00' }],
      autoFinalize: true,
    });
    const voided = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '10.00' }],
      autoFinalize: true,
    });
    await billing.invoices.void(voided.id);
    const before = await storageDump(storage);
    const cases: [unknown, string, (string | number)[]][] = [
      [{ invoiceId: draft.id, amount: '1.00' }, 'invalid_state', ['input', 'invoiceId']],
      [{ invoiceId: voided.id, amount: '1.00' }, 'invalid_state', ['input', 'invoiceId']],
      [{ invoiceId: 'inv_nope', amount: '1.00' }, 'not_found', ['input', 'invoiceId']],
      [
        { invoiceId: open.id, lines: [{ invoiceLineId: 'il_nope', description: 'x', amount: '1.00' }] },
        'not_found',
        ['input', 'lines', 0, 'invoiceLineId'],
      ],
      [{ invoiceId: open.id, amount: '-1.00' }, 'invalid_input', ['input', 'amount']],
      [{ invoiceId: open.id, amount: 1.5 }, 'invalid_input', ['input', 'amount']],
      [{ invoiceId: open.id, amount: '1.001' }, 'invalid_input', ['input', 'amount']],
      [{ invoiceId: open.id }, 'invalid_input', ['input', 'amount']],
      [{ invoiceId: open.id, amount: '1.00', reason: 'because' }, 'invalid_input', ['input', 'reason']],
    ];
    for (const [changes, code, path] of cases) {
      const error = await rejection(billing.creditNotes.create({ reason: 'other', ...(changes as object) } as never));
      expect([error.code, error.path], JSON.stringify(changes)).toEqual([code, path]);
    }
    expect(await storageDump(storage)).toEqual(before);
    // nothing reserved a number: the next credit note is the first
    expect((await billing.creditNotes.create({ invoiceId: open.id, amount: '1.00', reason: 'other' })).number).toBe(
      'CN-2026-000001',
    );
  });

  it('issue once per idempotency key', async () => {
    const { billing, customer } = await createEngineFixture();
    const invoice = await billing.invoices.createOneOff({
      customerId: customer.id,
      lines: [{ description: 'A', amount: '10.00' }],
      autoFinalize: true,
    });
    const request = { invoiceId: invoice.id, amount: '5.00', reason: 'other', idempotencyKey: 'cn-1' } as const;
    const first = await billing.creditNotes.create(request);
    expect(await billing.creditNotes.create(request)).toEqual(first);
    expect((await billing.creditNotes.list({ customerId: customer.id })).items).toHaveLength(1);
    expect((await billing.invoices.get(invoice.id)).amountCredited).toBe('5.00');
    expect((await rejection(billing.creditNotes.create({ ...request, amount: '4.00' }))).code).toBe('conflict');
  });
});
