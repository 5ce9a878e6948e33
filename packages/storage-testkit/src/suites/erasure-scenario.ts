import {
  type BankStatementEntry,
  type BillingStorageAdapter,
  createBilling,
  createTestClock,
  readAllRecords,
} from '@billfold/core';
import { expect } from 'vitest';
import { makePaymentAttempt, makePaymentMethod } from '../builders/online-payments';

/** Personal data of the erased customer, each spelt so nothing else in the database can contain it. */
const ERASED = {
  email: 'zelda.qm@mailbox.example',
  phone: '+44 7700 900123',
  newPhone: '+44 7700 900987',
  iban: 'GB33BUKB20201555555555',
  holder: 'Zelda Q Marchetti',
  mandate: 'MANDATE-ZQM-1',
  externalRef: 'crm-zelda-778',
  note: 'prefers-morning-calls-zqm',
  device: 'laptop-of-zelda-qm',
  transfer: 'TRANSFER ZQM 2026',
  refundReason: 'Zelda asked by phone',
  cardToken: 'pm_zelda_qm_visa',
  providerCustomer: 'cus_stripe_zelda_qm',
  wallet: 'zelda.qm.pay@wallet.example',
  walletToken: 'B-7ZELDA-QM',
  decline: 'Declined: card of Zelda QM reported lost',
  payer: 'MARCHETTI ZELDA QUIXOTE',
  remittance: 'Zelda QM January plan',
  topUp: 'top-up from Zelda QM',
} as const;

/** An unknown payer's transfer nobody claims: kept for its retention, then pseudonymised by the purge. */
const UNCLAIMED = {
  payer: 'Pia Unclaimed-Strom',
  iban: 'DE89370400440532013000',
  remittance: 'gift from Pia PUS',
} as const;

/** What tax law keeps on the invoices (and the credit note's memo) until the retention ends. */
const RETAINED = {
  name: 'Zelda Quixote-Marchetti',
  street: '221B Baker Street Flat 7',
  taxId: 'GB123456789',
  memo: 'Goodwill for Zelda QM',
} as const;

/** The bystander: must survive everything. */
const OTHER = {
  name: 'Oskar Bystander-Lind',
  email: 'oskar.bl@mailbox.example',
  transfer: 'TRANSFER OBL 2026',
} as const;

/** A booked credit of a statement of our account (`GB29NWBK60161331926819`), one transaction. */
function statementCredit(
  id: string,
  amount: string,
  debtor: { readonly name: string; readonly iban: string },
  text: string,
): BankStatementEntry {
  return {
    id,
    idSource: 'account_servicer_reference',
    statementId: 'STMT-2026-01',
    account: 'GB29NWBK60161331926819',
    bookingDate: '2026-01-05',
    valueDate: '2026-01-05',
    amount,
    currency: 'GBP',
    direction: 'credit',
    status: 'booked',
    reversal: false,
    transactions: [
      { debtor: { ...debtor }, remittance: { unstructured: [text], creditorReferences: [], referredDocuments: [] } },
    ],
  };
}

function search(text: string, values: Readonly<Record<string, string>>): string[] {
  return Object.values(values).filter((value) => text.includes(value));
}

/**
 * The whole erasure story over `storage`, through the engine: a customer with every kind of personal data is billed
 * for a month (subscription, usage, payment, refund, credit note, a staff change in the audit log, saved payment
 * methods, a declined charge, and an imported bank statement: the customer's transfer matched to the first invoice,
 * a second one from their account left unmatched, and an unknown payer's), then erased:
 * a full-database text search finds only what retention keeps (name, street, tax id on the invoices); after the
 * retention of the first invoice only the second still holds them; after the last, nothing.
 */
export async function erasureScenario(storage: BillingStorageAdapter, dumpAll: () => Promise<string>): Promise<void> {
  const clock = createTestClock('2026-01-01T00:00:00Z');
  const billing = createBilling({ storage, clock, config: { invoiceRetentionYears: 10 } });
  const admin = billing.as({ id: 'staff_admin', role: 'admin' });
  const desk = billing.as({ id: 'staff_desk', role: 'billing_operator' });
  const { catalog } = billing;
  const vat = await catalog.taxRates.create({ name: 'VAT 20%', percentage: '20', inclusive: false });
  const meter = await catalog.meters.create({ name: 'Data', eventName: 'data', aggregation: 'sum', property: 'gb' });
  const plan = await catalog.products.create({ name: 'Plan', billingCode: 'PLAN', category: 'plans' });
  const data = await catalog.products.create({ name: 'Data', billingCode: 'DATA', category: 'usage' });
  const planPrice = await catalog.prices.create({
    productId: plan.id,
    spec: { model: 'flat', currency: 'GBP', amount: '20.00' },
    interval: 'month',
  });
  const dataPrice = await catalog.prices.create({
    productId: data.id,
    spec: { model: 'per_unit', currency: 'GBP', unitAmount: '0.50' },
    interval: 'month',
    timing: 'in_arrears',
    meterId: meter.id,
  });
  const customer = await billing.customers.create({
    name: RETAINED.name,
    email: ERASED.email,
    phone: ERASED.phone,
    address: { line1: RETAINED.street, city: 'London', postalCode: 'NW1 6XE', country: 'GB' },
    taxIds: [{ type: 'gb_vat', value: RETAINED.taxId }],
    currency: 'GBP',
    taxRateIds: [vat.id],
    externalRef: ERASED.externalRef,
    metadata: { note: ERASED.note },
    bankAccount: { iban: ERASED.iban, holderName: ERASED.holder, mandateReference: ERASED.mandate },
    idempotencyKey: 'signup-zelda',
  });
  const other = await billing.customers.create({ name: OTHER.name, email: OTHER.email, currency: 'GBP' });
  const {
    subscription,
    invoices: [first],
  } = await billing.subscriptions.create({
    customerId: customer.id,
    items: [{ priceId: planPrice.id }, { priceId: dataPrice.id }],
    metadata: { note: ERASED.note },
    idempotencyKey: 'subscribe-zelda',
  });
  expect(first?.total).toBe('24.00'); // 20.00 + 20% VAT
  // the bank statement: the first invoice paid by transfer quoting its number, then a top-up from the same account
  // (no reference: unmatched), and an unknown payer's gift (unmatched)
  const zelda = { name: ERASED.payer, iban: ERASED.iban };
  const imported = await billing.reconciliation.import({
    entries: [
      statementCredit('NTRY-ZQM-1', '24.00', zelda, `${first?.number} ${ERASED.remittance}`),
      statementCredit('NTRY-ZQM-2', '7.77', zelda, ERASED.topUp),
      statementCredit('NTRY-PUS-1', '7.50', { name: UNCLAIMED.payer, iban: UNCLAIMED.iban }, UNCLAIMED.remittance),
    ],
  });
  expect(imported.counts).toEqual({ matched: 1, proposed: 0, unmatched: 2, ignored: 0, already_imported: 0 });
  await billing.usage.ingest([
    {
      id: 'evt_1',
      customerId: customer.id,
      eventName: 'data',
      timestamp: '2026-01-10T00:00:00Z',
      properties: { gb: '4', device: ERASED.device },
    },
  ]);
  const payment = await billing.payments.record({
    customerId: customer.id,
    amount: '30.00',
    currency: 'GBP',
    method: 'bank_transfer',
    reference: ERASED.transfer,
    metadata: { note: ERASED.note },
    idempotencyKey: 'pay-zelda',
  });
  await billing.payments.record({
    customerId: other.id,
    amount: '5.00',
    currency: 'GBP',
    method: 'bank_transfer',
    reference: OTHER.transfer,
  });
  await billing.payments.refund({ paymentId: payment.id, amount: '1.00', reason: ERASED.refundReason });
  await billing.creditNotes.create({
    invoiceId: first?.id as string,
    amount: '2.40',
    reason: 'order_change',
    memo: RETAINED.memo,
  });
  await desk.customers.update(customer.id, { phone: ERASED.newPhone });
  expect((await billing.audit.list({ customerId: customer.id })).items).toMatchObject([
    { actor: { id: 'staff_desk' }, operation: 'customers.update', change: 'update' },
  ]);
  clock.set('2026-01-20T00:00:00Z');
  await billing.subscriptions.cancel({ subscriptionId: subscription.id, atPeriodEnd: false });
  clock.set('2026-02-01T00:00:00Z');
  await billing.runCycle();

  // online payments, as a gateway leaves them: the customer at the provider, a saved card and a PayPal wallet,
  // and a declined charge whose provider message names the cardholder
  await storage.transaction(async (session) => {
    const stored = (await session.customers.get(customer.id)) as NonNullable<typeof customer>;
    await session.customers.update({
      ...stored,
      gatewayCustomers: { stripe: ERASED.providerCustomer },
      version: stored.version + 1,
    });
    const card = makePaymentMethod({
      customerId: customer.id,
      providerMethodId: ERASED.cardToken,
      customerReference: ERASED.providerCustomer,
    });
    const wallet = makePaymentMethod({
      customerId: customer.id,
      gateway: 'paypal',
      type: 'paypal',
      card: undefined,
      email: ERASED.wallet,
      isDefault: false,
      providerMethodId: ERASED.walletToken,
      customerReference: ERASED.providerCustomer,
    });
    await session.paymentMethods.insert(card);
    await session.paymentMethods.insert(wallet);
    await session.paymentAttempts.insert(
      makePaymentAttempt({
        customerId: customer.id,
        invoiceId: first?.id as string,
        currency: 'GBP',
        amount: '24.00',
        paymentMethodId: card.id,
        decline: { code: 'lost_card', message: ERASED.decline, kind: 'hard' },
        dueAt: undefined,
      }),
    );
  });

  const before = await readAllRecords(storage);
  const balanceBefore = await billing.balance.get(customer.id, 'GBP');
  expect(search(await dumpAll(), { ...ERASED, ...RETAINED }).sort()).toEqual(
    Object.values({ ...ERASED, ...RETAINED }).sort(),
  );

  // a billing operator may not erase; an admin may
  await expect(desk.customers.erase(customer.id)).rejects.toMatchObject({ code: 'forbidden' });
  const erased = await admin.customers.erase(customer.id);
  expect(erased.erasedNow).toBe(true);
  // the matched transfer and the top-up from the customer's account; not the unknown payer's
  expect(erased.cleared.bankCredits).toBe(2);
  // the last invoice (the final usage, issued 2026-02-01) keeps the identity for 10 years
  expect(erased.customer.erasure).toEqual({
    erasedAt: '2026-02-01T00:00:00.000Z',
    retainUntil: '2036-02-01T00:00:00.000Z',
  });
  expect((await admin.customers.erase(customer.id)).erasedNow).toBe(false);

  const afterErasure = await dumpAll();
  expect(search(afterErasure, ERASED)).toEqual([]);
  expect(search(afterErasure, RETAINED).sort()).toEqual(Object.values(RETAINED).sort());
  expect(search(afterErasure, OTHER).sort()).toEqual(Object.values(OTHER).sort());
  expect(search(afterErasure, UNCLAIMED).sort()).toEqual(Object.values(UNCLAIMED).sort());

  // the matched transfer stays an accounting record: amount, value date, payment, invoice; the remittance as a hash
  const [transfer] = (await billing.reconciliation.list({ customerId: customer.id })).items;
  expect(transfer).toMatchObject({ amount: '24.00', valueDate: '2026-01-05', status: 'matched' });
  expect(transfer?.paymentId).toBeDefined();
  expect(transfer?.remittance).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect([transfer?.payerName, transfer?.payerIban]).toEqual([undefined, undefined]);

  // the saved methods are detached; the declined attempt keeps its amount, status and decline code
  const methods = (await storage.paymentMethods.list({ customerId: customer.id })).items;
  expect(methods.map((m) => [m.status, m.isDefault, m.card, m.email])).toEqual([
    ['detached', false, undefined, undefined],
    ['detached', false, undefined, undefined],
  ]);
  expect((await storage.paymentAttempts.list({ customerId: customer.id })).items).toMatchObject([
    { amount: '24.00', status: 'failed', decline: { code: 'lost_card', message: '', kind: 'hard' } },
  ]);
  expect(erased.customer.gatewayCustomers).toBeUndefined();

  // the ledger is as it was: same amounts, same balance
  const after = await readAllRecords(storage);
  expect(after.invoices.map((i) => [i.id, i.total, i.amountPaid, i.amountRemaining, i.status])).toEqual(
    before.invoices.map((i) => [i.id, i.total, i.amountPaid, i.amountRemaining, i.status]),
  );
  expect(after.balance).toEqual(before.balance);
  expect(await billing.balance.get(customer.id, 'GBP')).toEqual(balanceBefore);

  // an erased customer cannot be billed
  await expect(
    billing.invoices.createOneOff({ customerId: customer.id, lines: [{ description: 'Late fee', amount: '5.00' }] }),
  ).rejects.toMatchObject({ code: 'customer_erased', path: ['input', 'customerId'] });
  await expect(
    billing.subscriptions.create({ customerId: customer.id, items: [{ priceId: planPrice.id }] }),
  ).rejects.toMatchObject({ code: 'customer_erased' });
  await expect(billing.customers.update(customer.id, { name: 'Back again' })).rejects.toMatchObject({
    code: 'customer_erased',
  });

  // 2036-01-15: the January invoice's retention is over, the February one's is not
  clock.set('2036-01-15T00:00:00Z');
  expect(await billing.retention.purge()).toMatchObject({
    invoicesRedacted: 1,
    customersPurged: 0,
    customersWaiting: 1,
    bankCreditsRedacted: 1, // the unknown payer's, long past its retention
  });
  expect(search(await dumpAll(), UNCLAIMED)).toEqual([]);
  // the memo of the January invoice's credit note went with it; the February invoice keeps the identity
  const { memo: _memo, ...onFebruaryInvoice } = RETAINED;
  expect(search(await dumpAll(), RETAINED).sort()).toEqual(Object.values(onFebruaryInvoice).sort());

  clock.set('2036-02-02T00:00:00Z');
  expect(await billing.retention.purge()).toMatchObject({
    invoicesRedacted: 1,
    customersPurged: 1,
    customersWaiting: 0,
  });
  const purged = await dumpAll();
  expect(search(purged, { ...ERASED, ...RETAINED })).toEqual([]);
  expect(search(purged, OTHER).sort()).toEqual(Object.values(OTHER).sort());
  expect((await billing.customers.get(customer.id)).erasure?.purgedAt).toBe('2036-02-02T00:00:00.000Z');
  expect(await billing.retention.purge()).toEqual({
    idempotencyRecords: 0,
    invoicesRedacted: 0,
    customersPurged: 0,
    customersWaiting: 0,
    bankCreditsRedacted: 0,
  });
}
