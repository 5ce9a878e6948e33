import {
  type BillingStorageAdapter,
  type Customer,
  ERASED_CUSTOMER_NAME,
  ERASED_PROVIDER_REFERENCE,
  erasedProviderMethodId,
  type Invoice,
  readAllRecords,
} from '@billfold/core';
import { expect, it } from 'vitest';
import { makeCustomer } from '../builders/customer';
import { makeOutboxEntry } from '../builders/collections';
import { makeCreditNote, makeInvoice } from '../builders/invoice';
import { makePaymentAttempt, makePaymentMethod } from '../builders/online-payments';
import { makeIdempotencyRecord, makePayment, makeRefund } from '../builders/payment';
import { makeSubscription, makeUsageEvent } from '../builders/subscription';
import type { KitContext } from '../kit-context';
import { erasureScenario } from './erasure-scenario';

/** The personal data each customer of the fixture carries, spelt so a text search cannot mistake it. */
function personalData(tag: string) {
  return {
    name: `Ada Lovelace ${tag}`,
    email: `ada.${tag}@example.com`,
    street: `12 Analytical Row ${tag}`,
    taxId: `GB99${tag}`,
    usage: `device-of-ada-${tag}`,
    reference: `BANKREF-${tag}`,
    reason: `refund asked by Ada ${tag}`,
    note: `call Ada on 0161 ${tag}`,
    memo: `goodwill for Ada ${tag}`,
    token: `pm_ada_${tag}`,
    providerCustomer: `cus_stripe_ada_${tag}`,
    wallet: `ada.pay.${tag}@wallet.example`,
    decline: `Card of Ada Lovelace ${tag} reported stolen`,
  };
}

/** One customer with a finalized invoice, its credit note, a payment, a refund, usage and idempotency records. */
async function seedCustomer(storage: BillingStorageAdapter, tag: string, issuedAt: string) {
  const pii = personalData(tag);
  const customer = makeCustomer({ name: pii.name, email: pii.email });
  await storage.customers.insert(customer);
  const subscription = makeSubscription({ customerId: customer.id, metadata: { note: pii.note } });
  await storage.subscriptions.insert(subscription);
  await storage.usage.insertMany([
    makeUsageEvent({ customerId: customer.id, subscriptionId: subscription.id, properties: { device: pii.usage } }),
  ]);
  const invoice = makeInvoice({
    customerId: customer.id,
    status: 'open',
    number: `INV-${tag}`,
    issuedAt,
    metadata: { note: pii.note },
    customerSnapshot: {
      name: pii.name,
      email: pii.email,
      address: { line1: pii.street, city: 'London', postalCode: 'N1 9GU', country: 'GB' },
      taxIds: [{ type: 'gb_vat', value: pii.taxId }],
      taxStatus: 'taxable',
      locale: 'en-GB',
    },
  });
  await storage.invoices.insert(invoice);
  const note = makeCreditNote({
    customerId: customer.id,
    invoiceId: invoice.id,
    memo: pii.memo,
    metadata: { note: pii.note },
  });
  await storage.creditNotes.insert(note);
  const payment = makePayment({ customerId: customer.id, reference: pii.reference, metadata: { note: pii.note } });
  await storage.payments.insert(payment);
  await storage.refunds.insert(makeRefund({ customerId: customer.id, paymentId: payment.id, reason: pii.reason }));
  await storage.idempotency.put(makeIdempotencyRecord({ key: `customers.create:${tag}`, response: { ...customer } }));
  await storage.outbox.insertMany([
    makeOutboxEntry({
      customerId: customer.id,
      status: 'dead',
      lastError: { code: 'delivery_rejected', message: `550 ${pii.email}: mailbox unavailable`, retryable: false },
    }),
  ]);
  const method = makePaymentMethod({
    customerId: customer.id,
    providerMethodId: pii.token,
    customerReference: pii.providerCustomer,
    email: pii.wallet,
  });
  await storage.paymentMethods.insert(method);
  const attempt = makePaymentAttempt({
    customerId: customer.id,
    invoiceId: invoice.id,
    paymentMethodId: method.id,
    decline: { code: 'stolen_card', message: pii.decline, kind: 'hard' },
  });
  await storage.paymentAttempts.insert(attempt);
  const pending = makeOutboxEntry({ customerId: customer.id });
  await storage.outbox.insertMany([pending]);
  await storage.audit.append([
    {
      id: `aud_${tag}`,
      at: issuedAt,
      actor: { id: 'user_1', role: 'billing_operator' },
      operation: 'customers.update',
      entity: 'customer',
      entityId: customer.id,
      customerId: customer.id,
      change: 'update',
      before: { name: pii.name },
      after: { name: pii.name, email: pii.email },
    },
  ]);
  return { customer, invoice, note, payment, method, attempt, pending, pii };
}

const zero = {
  usageEvents: 0,
  payments: 0,
  refunds: 0,
  subscriptions: 0,
  invoices: 0,
  creditNotes: 0,
  idempotencyRecords: 0,
  auditEntries: 0,
  outboxEntries: 0,
  paymentMethods: 0,
  paymentAttempts: 0,
};

/** The amounts of every invoice, payment and credit note: erasure and purge must leave them as they were. */
async function amounts(storage: BillingStorageAdapter) {
  const all = await readAllRecords(storage);
  const invoice = (i: Invoice) => [i.id, i.total, i.amountDue, i.amountPaid, i.amountRemaining, i.status, i.version];
  return {
    invoices: all.invoices.map(invoice),
    payments: all.payments.map((p) => [p.id, p.amount, p.unapplied, p.amountRefunded, p.version]),
    creditNotes: all.creditNotes.map((c) => [c.id, c.total]),
    refunds: all.refunds.map((r) => [r.id, r.amount]),
  };
}

/** Suite `privacy`: erasure of a customer's personal data (`privacy`), and the customer filters it needs. */
export function privacySuite(kit: KitContext): void {
  it('scrubCustomer clears the personal data of that customer only, counts what it changed, and is idempotent', async () => {
    const storage = kit.storage();
    const ada = await seedCustomer(storage, 'A1', '2026-01-15T10:00:00.000Z');
    const other = await seedCustomer(storage, 'B2', '2026-01-15T10:00:00.000Z');
    const before = await amounts(storage);
    const otherBefore = await storage.invoices.get(other.invoice.id);

    expect(await storage.privacy.scrubCustomer(ada.customer.id)).toEqual({
      usageEvents: 1,
      payments: 1,
      refunds: 1,
      subscriptions: 1,
      invoices: 1,
      creditNotes: 1,
      idempotencyRecords: 1,
      auditEntries: 1,
      outboxEntries: 2,
      paymentMethods: 1,
      paymentAttempts: 1,
    });
    expect(await storage.privacy.scrubCustomer(ada.customer.id)).toEqual(zero);

    const payment = await storage.payments.get(ada.payment.id);
    expect(payment?.reference).toBeUndefined();
    expect(payment?.metadata).toEqual({});
    const invoice = (await storage.invoices.get(ada.invoice.id)) as Invoice;
    expect(invoice.metadata).toEqual({});
    // retention keeps name, address and tax id on the tax document; the email goes
    expect(invoice.customerSnapshot).toMatchObject({
      name: ada.pii.name,
      email: '',
      address: { line1: ada.pii.street },
      taxIds: [{ type: 'gb_vat', value: ada.pii.taxId }],
    });
    expect((await storage.creditNotes.get(ada.note.id))?.memo).toBe(ada.pii.memo);
    expect(await storage.idempotency.get('customers.create:A1')).toBeUndefined();
    expect(await storage.idempotency.get('customers.create:B2')).toBeDefined();
    const [entry] = (await storage.audit.list({ customerId: ada.customer.id })).items;
    expect(entry).toMatchObject({ id: 'aud_A1', redacted: true, operation: 'customers.update' });
    expect(entry?.before).toBeUndefined();
    expect(entry?.after).toBeUndefined();
    // the saved method is detached and pseudonymised; the attempt keeps all but the provider's message
    const { card: _card, email: _email, ...methodKept } = ada.method;
    expect(await storage.paymentMethods.get(ada.method.id)).toEqual({
      ...methodKept,
      providerMethodId: erasedProviderMethodId(ada.method.id),
      customerReference: ERASED_PROVIDER_REFERENCE,
      status: 'detached',
      isDefault: false,
    });
    expect(await storage.paymentAttempts.get(ada.attempt.id)).toEqual({
      ...ada.attempt,
      decline: { code: 'stolen_card', message: '', kind: 'hard' },
    });
    // the pending notification is cancelled, never sent
    expect(await storage.outbox.get(ada.pending.id)).toEqual({ ...ada.pending, status: 'dead' });
    expect((await storage.outbox.list({ status: 'pending' })).items).toEqual([other.pending]);
    // the other customer and every amount are untouched
    expect(await storage.paymentMethods.get(other.method.id)).toEqual(other.method);
    expect(await storage.paymentAttempts.get(other.attempt.id)).toEqual(other.attempt);
    expect(await storage.invoices.get(other.invoice.id)).toEqual(otherBefore);
    expect((await storage.payments.get(other.payment.id))?.reference).toBe(other.pii.reference);
    expect(await amounts(storage)).toEqual(before);

    if (kit.dumpAll !== undefined) {
      const text = await kit.dumpAll();
      // (the customer row itself is the engine's to rewrite: `customers.erase` updates it)
      const payment = [ada.pii.token, ada.pii.providerCustomer, ada.pii.wallet, ada.pii.decline];
      for (const gone of [
        ada.pii.usage,
        ada.pii.reference,
        ada.pii.reason,
        ada.pii.note,
        `550 ${ada.pii.email}`,
        ...payment,
      ]) {
        expect(text, gone).not.toContain(gone);
      }
      for (const kept of [
        ada.pii.street,
        ada.pii.taxId,
        ada.pii.memo,
        other.pii.email,
        other.pii.reference,
        other.pii.decline,
      ]) {
        expect(text, kept).toContain(kept);
      }
    }
  });

  it('purgeRetained clears the identity on invoices issued before the cutoff only, and their credit notes', async () => {
    const storage = kit.storage();
    const old = await seedCustomer(storage, 'C3', '2015-06-30T12:00:00.000Z');
    const recent = makeInvoice({
      customerId: old.customer.id,
      status: 'paid',
      number: 'INV-C3-2',
      issuedAt: '2020-07-01T00:00:00.000Z',
      customerSnapshot: { ...(old.invoice.customerSnapshot as NonNullable<Invoice['customerSnapshot']>) },
    });
    await storage.invoices.insert(recent);
    const draft = makeInvoice({ customerId: old.customer.id, createdAt: '2014-01-01T00:00:00.000Z' });
    await storage.invoices.insert(draft);
    const before = await amounts(storage);

    // cutoff 2018-01-01: the 2015 invoice is due, the 2020 one is not, the draft has no snapshot
    const cutoff = { issuedBefore: '2018-01-01T00:00:00.000Z' };
    expect(await storage.privacy.purgeRetained(old.customer.id, cutoff)).toEqual({ invoices: 1, remaining: 1 });
    expect(await storage.privacy.purgeRetained(old.customer.id, cutoff)).toEqual({ invoices: 0, remaining: 1 });
    const purged = (await storage.invoices.get(old.invoice.id)) as Invoice;
    expect(purged.customerSnapshot).toEqual({
      name: ERASED_CUSTOMER_NAME,
      email: '',
      taxIds: [],
      taxStatus: 'taxable',
      locale: 'en-GB',
    });
    expect((await storage.creditNotes.get(old.note.id))?.memo).toBeUndefined();
    expect((await storage.invoices.get(recent.id))?.customerSnapshot?.name).toBe(old.pii.name);
    expect(await amounts(storage)).toEqual(before);

    expect(await storage.privacy.purgeRetained(old.customer.id, { issuedBefore: '2030-07-01T00:00:00.000Z' })).toEqual({
      invoices: 1,
      remaining: 0,
    });
  });

  it('customers.list finds erased customers pending purge, and customers by search token', async () => {
    const storage = kit.storage();
    const plain = makeCustomer();
    const token = 'bfh1.s1.W3ArsdrNCnsqK1y_Yu2Bk8vU2v83f3alB06NVGj-EGA';
    const tokened = makeCustomer({ searchTokens: ['bfh1.s1.other', token] });
    const erased: Customer = makeCustomer({ erasure: { erasedAt: '2026-01-15T10:00:00.000Z' } });
    const purged = makeCustomer({
      erasure: {
        erasedAt: '2026-01-15T10:00:00.000Z',
        retainUntil: '2036-01-15T10:00:00.000Z',
        purgedAt: '2036-01-16T00:00:00.000Z',
      },
    });
    for (const customer of [plain, tokened, erased, purged]) await storage.customers.insert(customer);
    expect((await storage.customers.list({ erasure: 'pending_purge' })).items).toEqual([erased]);
    expect((await storage.customers.list({ searchToken: token })).items).toEqual([tokened]);
    expect((await storage.customers.list({ searchToken: 'bfh1.s1.W3Ars' })).items).toEqual([]);
    expect(await storage.customers.get(purged.id)).toEqual(purged);
  });

  const dumpAll = kit.dumpAll;
  it.skipIf(dumpAll === undefined)(
    'an erasure through the engine leaves no personal data a full-database text search finds, and the purge none at all',
    async () => {
      await erasureScenario(kit.storage(), dumpAll as () => Promise<string>);
    },
  );
}
