import { it } from 'vitest';
import { customer, recurringPrice, world, rejection, allLedger, allInvoices } from './helpers';

it('probe coupons', async () => {
  const { billing, clock } = world('2026-04-01T00:00:00Z');
  const cus = await customer(billing);
  const p = await recurringPrice(billing, { model: 'flat', currency: 'EUR', amount: '30.00' });
  for (const input of [
    { name: 'x', percentOff: '150', duration: 'forever' },
    { name: 'x', percentOff: '007', duration: 'forever' },
    { name: 'x', amountOff: '5.001', currency: 'EUR', duration: 'forever' },
    { name: 'x', amountOff: '5', currency: 'eur', duration: 'forever' },
    { name: 'x', amountOff: '5', currency: 'ZZZ', duration: 'forever' },
    { name: 'x', percentOff: '10', currency: 'EUR', duration: 'forever' },
  ] as const) {
    try {
      const c = await billing.catalog.coupons.create(input as never);
      console.log('created', input);
      try {
        const r = await billing.subscriptions.create({ customerId: cus.id, items: [{ priceId: p.id }], couponId: c.id });
        console.log(' sub ok', r.invoices[0]?.total);
      } catch (e) { console.log(' sub err', (e as any).code, (e as any).path, (e as any).message); }
      try {
        const r = await billing.invoices.createOneOff({ customerId: cus.id, lines: [{ description: 'a', amount: '10.00' }], couponId: c.id });
        console.log(' oneoff ok', r.total);
      } catch (e) { console.log(' oneoff err', (e as any).code, (e as any).path, (e as any).message); }
    } catch (e) { console.log('refused', input, (e as any).code, (e as any).path); }
  }
});

it('probe refund after credit note', async () => {
  const { billing } = world('2026-04-01T00:00:00Z');
  const cus = await customer(billing);
  const inv = await billing.invoices.createOneOff({ customerId: cus.id, lines: [{ description: 'a', amount: '100.00' }], autoFinalize: true });
  const pay = await billing.payments.record({ customerId: cus.id, amount: '100.00', currency: 'EUR', method: 'cash' });
  await billing.creditNotes.create({ invoiceId: inv.id, amount: '100.00', reason: 'other' } as never);
  console.log('bal', (await billing.balance.get(cus.id, 'EUR')).amount);
  await billing.payments.refund({ paymentId: pay.id, amount: '100.00' });
  const after = await billing.invoices.get(inv.id);
  console.log(after.status, after.amountPaid, after.amountCredited, after.amountRemaining, (await billing.balance.get(cus.id, 'EUR')).amount);
});
