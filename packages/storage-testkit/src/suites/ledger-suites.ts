import { expect, it } from 'vitest';
import { expectDecimal, idsOf } from '../assertions';
import { makeBalanceTransaction } from '../builders/payment';
import type { KitContext } from '../kit-context';
import { insertCustomer, insertInvoice, insertPayment } from './parents';
import { recordCases, versionedCases } from './record-cases';
import { balanceTransactionKind, creditNoteKind, paymentKind, refundKind } from './record-kinds';

/** Suite `creditNotes`: CRUD and the `invoiceId` / `customerId` filters. */
export function creditNotesSuite(kit: KitContext): void {
  recordCases(kit, creditNoteKind);

  it('list filters by invoiceId and by customerId', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    const annInvoice = await insertInvoice(storage, { customerId: ann.id });
    const annOther = await insertInvoice(storage, { customerId: ann.id });
    const bobInvoice = await insertInvoice(storage, { customerId: bob.id });
    for (const [id, invoice] of [
      ['kit_cn_3', annInvoice],
      ['kit_cn_1', bobInvoice],
      ['kit_cn_2', annOther],
      ['kit_cn_4', annInvoice],
    ] as const) {
      await storage.creditNotes.insert(
        await creditNoteKind.build(storage, { id, invoiceId: invoice.id, customerId: invoice.customerId }),
      );
    }
    expect(idsOf(await storage.creditNotes.list({ invoiceId: annInvoice.id }))).toEqual(['kit_cn_3', 'kit_cn_4']);
    expect(idsOf(await storage.creditNotes.list({ customerId: ann.id }))).toEqual(['kit_cn_2', 'kit_cn_3', 'kit_cn_4']);
    expect(idsOf(await storage.creditNotes.list({ customerId: bob.id, invoiceId: annInvoice.id }))).toEqual([]);
  });
}

/** Suite `payments`: CRUD, the version rule and the `customerId` filter. */
export function paymentsSuite(kit: KitContext): void {
  recordCases(kit, paymentKind);
  versionedCases(kit, paymentKind);

  it('list filters by customerId', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    await insertPayment(storage, { id: 'kit_pay_2', customerId: ann.id });
    await insertPayment(storage, { id: 'kit_pay_3', customerId: bob.id });
    await insertPayment(storage, { id: 'kit_pay_1', customerId: ann.id });
    expect(idsOf(await storage.payments.list({ customerId: ann.id }))).toEqual(['kit_pay_1', 'kit_pay_2']);
    expect(idsOf(await storage.payments.list({}))).toEqual(['kit_pay_1', 'kit_pay_2', 'kit_pay_3']);
  });
}

/** Suite `refunds`: CRUD and the `paymentId` / `customerId` filters. */
export function refundsSuite(kit: KitContext): void {
  recordCases(kit, refundKind);

  it('list filters by paymentId and by customerId', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const first = await insertPayment(storage, { customerId: ann.id });
    const second = await insertPayment(storage, { customerId: ann.id });
    const other = await insertPayment(storage);
    for (const [id, payment] of [
      ['kit_re_2', first],
      ['kit_re_3', second],
      ['kit_re_1', first],
      ['kit_re_4', other],
    ] as const) {
      await storage.refunds.insert(
        await refundKind.build(storage, { id, paymentId: payment.id, customerId: payment.customerId }),
      );
    }
    expect(idsOf(await storage.refunds.list({ paymentId: first.id }))).toEqual(['kit_re_1', 'kit_re_2']);
    expect(idsOf(await storage.refunds.list({ customerId: ann.id }))).toEqual(['kit_re_1', 'kit_re_2', 'kit_re_3']);
    expect(idsOf(await storage.refunds.list({}))).toEqual(['kit_re_1', 'kit_re_2', 'kit_re_3', 'kit_re_4']);
  });
}

/** Suite `balance`: the credit ledger's entries, `list` per customer, the exact `balance()` sum and `balances()`. */
export function balanceSuite(kit: KitContext): void {
  recordCases(kit, balanceTransactionKind);

  it('balance is the exact sum of a customer’s entries in one currency', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    const entry = (customerId: string, currency: string, amount: string) =>
      storage.balance.insert(makeBalanceTransaction({ customerId, currency, amount }));
    await entry(ann.id, 'EUR', '10.10');
    await entry(ann.id, 'EUR', '-3.333');
    await entry(ann.id, 'EUR', '0.001');
    await entry(ann.id, 'USD', '100');
    await entry(bob.id, 'EUR', '7');
    expectDecimal(await storage.balance.balance(ann.id, 'EUR'), '6.768');
    expectDecimal(await storage.balance.balance(ann.id, 'USD'), '100');
    expectDecimal(await storage.balance.balance(bob.id, 'EUR'), '7');
  });

  it('balance is "0" with no entries, and exact where floats are not (0.1 + 0.2, beyond 2^53)', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    expectDecimal(await storage.balance.balance(ann.id, 'EUR'), '0');
    await storage.balance.insert(makeBalanceTransaction({ customerId: ann.id, amount: '0.1' }));
    await storage.balance.insert(makeBalanceTransaction({ customerId: ann.id, amount: '0.2' }));
    expectDecimal(await storage.balance.balance(ann.id, 'EUR'), '0.3');
    await storage.balance.insert(
      makeBalanceTransaction({ customerId: ann.id, currency: 'USD', amount: '90071992547409930.01' }),
    );
    await storage.balance.insert(makeBalanceTransaction({ customerId: ann.id, currency: 'USD', amount: '0.99' }));
    await storage.balance.insert(makeBalanceTransaction({ customerId: ann.id, currency: 'USD', amount: '1' }));
    expectDecimal(await storage.balance.balance(ann.id, 'USD'), '90071992547409932');
    await storage.balance.insert(
      makeBalanceTransaction({ customerId: ann.id, currency: 'USD', amount: '-90071992547409932' }),
    );
    expectDecimal(await storage.balance.balance(ann.id, 'USD'), '0');
  });

  it('list returns one customer’s entries only, ascending by id', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    for (const [id, customerId] of [
      ['kit_btx_2', ann.id],
      ['kit_btx_3', bob.id],
      ['kit_btx_1', ann.id],
    ] as const) {
      await storage.balance.insert(makeBalanceTransaction({ id, customerId }));
    }
    expect(idsOf(await storage.balance.list({ customerId: ann.id }))).toEqual(['kit_btx_1', 'kit_btx_2']);
    expect(idsOf(await storage.balance.list({ customerId: bob.id }))).toEqual(['kit_btx_3']);
  });

  it('balances sums many customers’ entries in one currency exactly, "0" for those without any', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    const bob = await insertCustomer(storage);
    const cid = await insertCustomer(storage);
    const entry = (customerId: string, currency: string, amount: string) =>
      storage.balance.insert(makeBalanceTransaction({ customerId, currency, amount }));
    await entry(ann.id, 'EUR', '10.10');
    await entry(ann.id, 'EUR', '-3.333');
    await entry(ann.id, 'USD', '100');
    await entry(bob.id, 'EUR', '90071992547409930.01');
    await entry(bob.id, 'EUR', '0.99');
    await entry(cid.id, 'USD', '5');
    const balances = await storage.balance.balances([bob.id, ann.id, cid.id, 'kit_no_such_id', ann.id], 'EUR');
    expect([...balances.keys()].sort()).toEqual([ann.id, bob.id, cid.id, 'kit_no_such_id'].sort());
    expectDecimal(balances.get(ann.id), '6.767');
    expectDecimal(balances.get(bob.id), '90071992547409931');
    expectDecimal(balances.get(cid.id), '0');
    expectDecimal(balances.get('kit_no_such_id'), '0');
    const usd = await storage.balance.balances([ann.id, cid.id], 'USD');
    expectDecimal(usd.get(ann.id), '100');
    expectDecimal(usd.get(cid.id), '5');
    expect((await storage.balance.balances([], 'EUR')).size).toBe(0);
  });

  it('balances agrees with balance, also inside a transaction that wrote entries', async () => {
    const storage = kit.storage();
    const ann = await insertCustomer(storage);
    await storage.balance.insert(makeBalanceTransaction({ customerId: ann.id, amount: '0.1' }));
    await storage.transaction(async (tx) => {
      await tx.balance.insert(makeBalanceTransaction({ customerId: ann.id, amount: '0.2' }));
      expectDecimal((await tx.balance.balances([ann.id], 'EUR')).get(ann.id), '0.3');
      expectDecimal(await tx.balance.balance(ann.id, 'EUR'), '0.3');
    });
  });
}
