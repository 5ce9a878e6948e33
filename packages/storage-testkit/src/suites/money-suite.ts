import { expect, it } from 'vitest';
import { makeCatalogPrice } from '../builders/catalog';
import { makeCreditNote, makeInvoice, makeInvoiceLine } from '../builders/invoice';
import { makeBalanceTransaction, makePayment, makeRefund } from '../builders/payment';
import { makeSubscription } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertInvoice, insertPayment, insertProduct } from './parents';

/** Decimal texts a float or a normalising column would change. */
const TRICKY = {
  trailingZero: '19.990',
  plain: '19.99',
  tinyNegative: '-0.0004',
  beyond2To53: '90071992547409930.01',
  long: '1234567890123456789012345678901234.567891',
  zeroWithScale: '0.000',
} as const;

/** Suite `money`: decimal strings come back with exactly the text (and scale) they went in with. */
export function moneySuite(kit: KitContext): void {
  it('invoice amounts keep their exact text, top level and in lines, through get, list and update', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const invoice = makeInvoice({
      customerId: customer.id,
      lines: [
        makeInvoiceLine({
          quantity: '1.500',
          unitAmount: '0.0004',
          amount: TRICKY.trailingZero,
          discountAmount: TRICKY.tinyNegative,
          taxableAmount: TRICKY.beyond2To53,
          taxes: [{ rateId: 'txr_1', amount: TRICKY.long }],
        }),
      ],
      subtotal: TRICKY.trailingZero,
      discountTotal: TRICKY.zeroWithScale,
      taxes: [{ rateId: 'txr_1', taxableAmount: TRICKY.beyond2To53, amount: TRICKY.long }],
      taxTotal: TRICKY.long,
      roundingAmount: TRICKY.tinyNegative,
      total: TRICKY.beyond2To53,
      creditApplied: TRICKY.plain,
      amountDue: TRICKY.beyond2To53,
      amountPaid: '0',
      amountCredited: TRICKY.zeroWithScale,
      amountRemaining: TRICKY.beyond2To53,
    });
    await storage.invoices.insert(invoice);
    expect(await storage.invoices.get(invoice.id)).toStrictEqual(invoice);
    expect((await storage.invoices.list({ customerId: customer.id })).items).toStrictEqual([invoice]);
    const paid = { ...invoice, amountPaid: '90071992547409930.010', amountRemaining: '0.00', version: 2 };
    await storage.invoices.update(paid);
    expect(await storage.invoices.get(invoice.id)).toStrictEqual(paid);
  });

  it('keeps each currency’s scale: JPY "1500", KWD "1.250"', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const yen = { currency: 'JPY', subtotal: '1500', total: '1500', amountDue: '1500', amountRemaining: '1500' };
    const dinar = { currency: 'KWD', subtotal: '1.250', total: '1.250', amountDue: '1.250', amountRemaining: '0.005' };
    for (const amounts of [yen, dinar]) {
      const invoice = await insertInvoice(storage, { customerId: customer.id, ...amounts });
      expect(await storage.invoices.get(invoice.id)).toStrictEqual(invoice);
      const payment = await insertPayment(storage, {
        customerId: customer.id,
        currency: amounts.currency,
        amount: amounts.total,
        unapplied: amounts.amountRemaining,
      });
      expect(await storage.payments.get(payment.id)).toStrictEqual(payment);
    }
  });

  it('payments, refunds, ledger entries and credit notes keep their exact text', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const invoice = await insertInvoice(storage, { customerId: customer.id });
    const payment = makePayment({
      customerId: customer.id,
      amount: TRICKY.beyond2To53,
      allocations: [{ invoiceId: invoice.id, amount: TRICKY.trailingZero }],
      unapplied: TRICKY.long,
      amountRefunded: TRICKY.zeroWithScale,
    });
    await storage.payments.insert(payment);
    const refund = makeRefund({ customerId: customer.id, paymentId: payment.id, amount: TRICKY.trailingZero });
    await storage.refunds.insert(refund);
    const entry = makeBalanceTransaction({ customerId: customer.id, amount: TRICKY.tinyNegative });
    await storage.balance.insert(entry);
    const note = makeCreditNote({
      customerId: customer.id,
      invoiceId: invoice.id,
      lines: [
        {
          id: 'cnl_1',
          description: 'Credit',
          amount: TRICKY.trailingZero,
          taxes: [{ rateId: 'txr_1', amount: '0.000' }],
        },
      ],
      subtotal: TRICKY.trailingZero,
      total: TRICKY.beyond2To53,
      creditedToBalance: TRICKY.tinyNegative,
    });
    await storage.creditNotes.insert(note);
    expect(await storage.payments.get(payment.id)).toStrictEqual(payment);
    expect(await storage.refunds.get(refund.id)).toStrictEqual(refund);
    expect(await storage.balance.get(entry.id)).toStrictEqual(entry);
    expect((await storage.balance.list({ customerId: customer.id })).items).toStrictEqual([entry]);
    expect(await storage.creditNotes.get(note.id)).toStrictEqual(note);
  });

  it('prices and subscriptions keep decimal text in specs, items and pending lines', async () => {
    const storage = kit.storage();
    const product = await insertProduct(storage);
    const price = makeCatalogPrice({
      productId: product.id,
      spec: { model: 'per_unit', currency: 'USD', unitAmount: '0.0004', minimumAmount: '5.000' },
    });
    await storage.prices.insert(price);
    expect(await storage.prices.get(price.id)).toStrictEqual(price);
    const customer = await insertCustomer(storage);
    const subscription = makeSubscription({
      customerId: customer.id,
      items: [{ id: 'si_1', priceId: price.id, quantity: '1.500' }],
      pendingLines: [
        {
          description: 'Unused time on Pro',
          amount: '-3.330',
          kind: 'proration',
          periodStart: '2026-01-15T10:00:00.000Z',
          periodEnd: '2026-02-15T10:00:00.000Z',
        },
      ],
    });
    await storage.subscriptions.insert(subscription);
    expect(await storage.subscriptions.get(subscription.id)).toStrictEqual(subscription);
  });
}
