import { createBilling, MemoryStorage, parseCsvStatement } from '@billfold/core';
import { specAvailability, STRIPE_SPEC } from '@billfold/gateway-fake-kit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startStripeHarness, type StripeHarness } from './stripe-harness';

const specs = specAvailability([STRIPE_SPEC]);
if (specs.mustFail) throw new Error(specs.reason);
const title = specs.available
  ? 'Stripe payouts against the loopback fake'
  : `Stripe payouts (skipped: ${specs.reason})`;

/*
 * Three card charges of 100.00, 50.00 and 20.00 EUR; the fake's fee is 2.9 % (rounded down) + 0.30: 3.20, 1.75 and
 * 0.88 = 5.83. The 20.00 is refunded in full. Stripe's automatic payout then pays out 170.00 − 5.83 − 20.00 = 144.17,
 * arriving two days later (3 March).
 */

describe.skipIf(!specs.available)(title, () => {
  let h: StripeHarness;
  beforeAll(async () => {
    h = await startStripeHarness();
  });
  afterAll(async () => {
    await h.fake.server.close();
  });
  afterEach(() => {
    // Every request the adapter sent and every answer the fake gave follows Stripe's OpenAPI description.
    expect(h.fake.server.violations).toEqual([]);
  });

  it('lists a payout with its charges, fees and refund, and reads it by id', async () => {
    const reference = (await h.gateway.ensureCustomer({ customerId: 'cus_po', idempotencyKey: 'cus_po:customer' }))
      .reference;
    const card = h.fake.addCard(reference);
    const charges = [];
    for (const amount of ['100.00', '50.00', '20.00']) {
      charges.push(
        await h.gateway.createPayment({
          amount,
          currency: 'EUR',
          customerId: 'cus_po',
          customerReference: reference,
          paymentMethodId: card,
          session: 'off_session',
          invoiceIds: [`inv_po_${amount}`],
          idempotencyKey: `inv_po_${amount}:attempt:1`,
        }),
      );
    }
    const [p100, p50, p20] = charges as [(typeof charges)[number], (typeof charges)[number], (typeof charges)[number]];
    await h.gateway.refundPayment({ paymentId: p20.id, amount: '20.00', currency: 'EUR', idempotencyKey: 'po:refund' });
    const payout = h.fake.payOut('EUR', 2);
    const [listed, ...more] =
      (await h.gateway.listPayouts?.({ arrivalFrom: '2026-03-01', arrivalTo: '2026-03-10' })) ?? [];
    expect(more).toEqual([]);
    expect(listed).toEqual({
      provider: 'stripe',
      id: payout.id,
      currency: 'EUR',
      amount: '144.17',
      arrivalDate: '2026-03-03',
      statementDescriptor: 'STRIPE PAYOUT',
      transactions: [
        { id: expect.any(String), type: 'charge', providerPaymentId: p100.chargeId, amount: '100.00', fee: '3.20' },
        { id: expect.any(String), type: 'charge', providerPaymentId: p50.chargeId, amount: '50.00', fee: '1.75' },
        { id: expect.any(String), type: 'charge', providerPaymentId: p20.chargeId, amount: '20.00', fee: '0.88' },
        { id: expect.any(String), type: 'refund', providerPaymentId: p20.chargeId, amount: '-20.00', fee: '0.00' },
      ],
    });
    expect(await h.gateway.payoutDetails?.(payout.id as string)).toEqual(listed);
    // Arrivals outside the range are not listed.
    expect(await h.gateway.listPayouts?.({ arrivalFrom: '2026-03-04', arrivalTo: '2026-03-10' })).toEqual([]);
  });

  it('fetches the payout into the ledger, and the bank deposit reconciles against it', async () => {
    const storage = new MemoryStorage();
    const billing = createBilling({ storage, clock: h.clock, gateways: [h.gateway] });
    const customer = await billing.customers.create({
      name: 'Card AG',
      email: 'card@example.com',
      currency: 'EUR',
      collectionMethod: 'charge_automatically',
    });
    const reference = await billing.paymentMethods.gatewayCustomer(customer.id);
    await billing.paymentMethods.save({ customerId: customer.id, providerMethodId: h.fake.addCard(reference) });
    for (const amount of ['100.00', '50.00', '20.00']) {
      await billing.invoices.createOneOff({
        customerId: customer.id,
        lines: [{ description: 'Fibre', amount }],
        autoFinalize: true,
      });
    }
    const payments = (await billing.payments.list({ customerId: customer.id })).items;
    expect(payments.map((p) => p.amount).sort()).toEqual(['100.00', '20.00', '50.00']);
    const p20 = payments.find((p) => p.amount === '20.00');
    await billing.payments.refund({ paymentId: p20?.id as string, amount: '20.00', idempotencyKey: 'ledger:refund' });
    h.clock.set('2026-03-05T12:00:00Z');
    const payoutId = h.fake.payOut('EUR', 2).id as string;
    const range = { arrivalFrom: '2026-03-07', arrivalTo: '2026-03-08' };
    const [fetched] = await billing.reconciliation.fetchPayouts(range);
    expect(fetched?.outcome).toBe('imported');
    expect(fetched?.payout).toMatchObject({
      providerPayoutId: payoutId,
      charges: '170.00',
      refunds: '20.00',
      fees: '5.83',
      net: '144.17',
      arrivalDate: '2026-03-07',
      status: 'in_transit',
      mismatches: [],
    });
    expect(fetched?.payout.transactions.every((t) => t.customerId === customer.id)).toBe(true);
    expect((await billing.reconciliation.fetchPayouts(range)).map((f) => f.outcome)).toEqual(['already_imported']);
    const csv = 'Date;Amount;Text\n2026-03-07;144,17;STRIPE PAYOUT\n';
    const statement = parseCsvStatement(csv, {
      account: 'DE89370400440532013000',
      delimiter: ';',
      decimalSeparator: ',',
      currency: 'EUR',
      columns: { bookingDate: 'Date', amount: 'Amount', remittance: 'Text' },
    });
    const imported = await billing.reconciliation.import(statement);
    expect(imported.lines).toEqual([expect.objectContaining({ outcome: 'matched', payoutId: fetched?.payout.id })]);
    expect(await billing.reconciliation.getPayout(fetched?.payout.id as string)).toMatchObject({ status: 'deposited' });
    expect((await billing.reports.unreconciledCash()).currencies).toEqual([]);
  });
});
