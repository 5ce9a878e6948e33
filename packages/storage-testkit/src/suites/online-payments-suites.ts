import type { PaymentAttempt } from '@billfold/core';
import { expect, it } from 'vitest';
import { expectBillingError, idsOf } from '../assertions';
import { makePaymentAttempt, makePaymentMethod } from '../builders/online-payments';
import type { KitContext } from '../kit-context';
import { claimCases } from './claim-cases';
import { insertCustomer, insertInvoice } from './parents';
import { recordCases, versionedCases } from './record-cases';
import { paymentAttemptKind, paymentMethodKind } from './record-kinds';

/**
 * Suite `paymentAttempts`: CRUD, the version rule, both unique keys (idempotency key; gateway and provider payment),
 * the lookups, filters, and claiming due attempts.
 */
export function paymentAttemptsSuite(kit: KitContext): void {
  recordCases(kit, paymentAttemptKind);
  versionedCases(kit, paymentAttemptKind);

  it('refuses a second attempt with the same idempotency key or the same provider payment (conflict)', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const invoice = await insertInvoice(storage, { customerId: customer.id });
    const first = makePaymentAttempt({
      customerId: customer.id,
      invoiceId: invoice.id,
      idempotencyKey: 'inv_1:attempt:1',
    });
    await storage.paymentAttempts.insert(first);
    const sameKey = makePaymentAttempt({
      customerId: customer.id,
      invoiceId: invoice.id,
      idempotencyKey: first.idempotencyKey,
    });
    await expectBillingError(storage.paymentAttempts.insert(sameKey), 'conflict');
    const samePayment = makePaymentAttempt({
      customerId: customer.id,
      invoiceId: invoice.id,
      providerPaymentId: first.providerPaymentId as string,
    });
    await expectBillingError(storage.paymentAttempts.insert(samePayment), 'conflict');
    const otherGateway = makePaymentAttempt({
      customerId: customer.id,
      invoiceId: invoice.id,
      gateway: 'paypal',
      providerPaymentId: first.providerPaymentId as string,
    });
    await storage.paymentAttempts.insert(otherGateway);
    const { providerPaymentId: _none, ...unsent } = makePaymentAttempt({
      customerId: customer.id,
      invoiceId: invoice.id,
    });
    const { providerPaymentId: _also, ...unsentToo } = makePaymentAttempt({
      customerId: customer.id,
      invoiceId: invoice.id,
    });
    await storage.paymentAttempts.insert(unsent);
    await storage.paymentAttempts.insert(unsentToo);
    expect(await storage.paymentAttempts.get(unsentToo.id)).toStrictEqual(unsentToo);
  });

  it('finds an attempt by idempotency key, and by gateway and provider payment or charge', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const invoice = await insertInvoice(storage, { customerId: customer.id });
    const attempt = makePaymentAttempt({
      customerId: customer.id,
      invoiceId: invoice.id,
      providerPaymentId: 'pi_found',
    });
    await storage.paymentAttempts.insert(attempt);
    expect(await storage.paymentAttempts.getByIdempotencyKey(attempt.idempotencyKey)).toStrictEqual(attempt);
    expect(await storage.paymentAttempts.getByProviderPayment('stripe', 'pi_found')).toStrictEqual(attempt);
    expect(await storage.paymentAttempts.getByProviderPayment('stripe', attempt.chargeId as string)).toStrictEqual(
      attempt,
    );
    expect(await storage.paymentAttempts.getByProviderPayment('paypal', 'pi_found')).toBeUndefined();
    expect(await storage.paymentAttempts.getByIdempotencyKey('nobody')).toBeUndefined();
  });

  it('list filters by customerId, invoiceId and status', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    const [a, b] = [
      await insertInvoice(storage, { customerId: ann.id }),
      await insertInvoice(storage, { customerId: bob.id }),
    ];
    for (const attempt of [
      makePaymentAttempt({ id: 'kit_att_3', customerId: ann.id, invoiceId: a.id, status: 'succeeded' }),
      makePaymentAttempt({ id: 'kit_att_1', customerId: ann.id, invoiceId: a.id }),
      makePaymentAttempt({ id: 'kit_att_2', customerId: bob.id, invoiceId: b.id }),
    ]) {
      await storage.paymentAttempts.insert(attempt);
    }
    expect(idsOf(await storage.paymentAttempts.list({ customerId: ann.id }))).toEqual(['kit_att_1', 'kit_att_3']);
    expect(idsOf(await storage.paymentAttempts.list({ invoiceId: b.id }))).toEqual(['kit_att_2']);
    expect(idsOf(await storage.paymentAttempts.list({ status: 'failed' }))).toEqual(['kit_att_1', 'kit_att_2']);
    expect(idsOf(await storage.paymentAttempts.list({ status: 'failed', customerId: ann.id }))).toEqual(['kit_att_1']);
  });

  claimCases(kit, {
    name: 'paymentAttempts.claimDue',
    store: async (storage, rows) => {
      const customer = await insertCustomer(storage);
      const invoice = await insertInvoice(storage, { customerId: customer.id });
      for (const [id, due] of rows) {
        const { dueAt: _dueAt, ...never } = makePaymentAttempt({ id, customerId: customer.id, invoiceId: invoice.id });
        await storage.paymentAttempts.insert(due === undefined ? never : { ...never, dueAt: due });
      }
    },
    claim: (session, query) => session.paymentAttempts.claimDue(query),
    advance: async (session, id) => {
      const attempt = (await session.paymentAttempts.get(id)) as PaymentAttempt;
      await session.paymentAttempts.update({
        ...attempt,
        dueAt: '2026-03-10T00:00:00.000Z',
        version: attempt.version + 1,
      });
    },
  });
}

/** Suite `paymentMethods`: CRUD, the version rule, the unique (gateway, token), the lookup and filters. */
export function paymentMethodsSuite(kit: KitContext): void {
  recordCases(kit, paymentMethodKind);
  versionedCases(kit, paymentMethodKind);

  it('refuses the same token twice at one gateway (conflict) and takes it at another; finds a method by token', async () => {
    const storage = kit.storage();
    const customer = await insertCustomer(storage);
    const visa = makePaymentMethod({ customerId: customer.id, providerMethodId: 'pm_same' });
    await storage.paymentMethods.insert(visa);
    await expectBillingError(
      storage.paymentMethods.insert(makePaymentMethod({ customerId: customer.id, providerMethodId: 'pm_same' })),
      'conflict',
    );
    const vault = makePaymentMethod({
      customerId: customer.id,
      gateway: 'paypal',
      providerMethodId: 'pm_same',
      type: 'paypal',
    });
    await storage.paymentMethods.insert(vault);
    expect(await storage.paymentMethods.getByProviderMethod('stripe', 'pm_same')).toStrictEqual(visa);
    expect(await storage.paymentMethods.getByProviderMethod('paypal', 'pm_same')).toStrictEqual(vault);
    expect(await storage.paymentMethods.getByProviderMethod('stripe', 'pm_other')).toBeUndefined();
  });

  it('list filters by customerId and status', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    await storage.paymentMethods.insert(makePaymentMethod({ id: 'kit_pmt_2', customerId: ann.id, status: 'detached' }));
    await storage.paymentMethods.insert(makePaymentMethod({ id: 'kit_pmt_1', customerId: ann.id }));
    await storage.paymentMethods.insert(makePaymentMethod({ id: 'kit_pmt_3', customerId: bob.id }));
    expect(idsOf(await storage.paymentMethods.list({ customerId: ann.id }))).toEqual(['kit_pmt_1', 'kit_pmt_2']);
    expect(idsOf(await storage.paymentMethods.list({ customerId: ann.id, status: 'active' }))).toEqual(['kit_pmt_1']);
  });
}
