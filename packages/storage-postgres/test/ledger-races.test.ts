import { type Billing, type Invoice, listAll, money } from '@billfold/core';
import { expect, it } from 'vitest';
import type { BenchCatalog } from '../bench/seed';
import { describeServer, sharedPool } from './support/backends';
import { expectLedgerKept } from './support/ledger-expect';
import { type LedgerWorker, releaseInOrder, untilSettled } from './support/ledger-workers';
import { meteredCustomer } from './support/race-customers';
import { BEFORE_NUMBERING, type Call, raceHarness, refusedWith, STARTS_AT } from './support/race-harness';

/*
 * The ledger races of issue 7, each one an engine operation per OS process on a real PostgreSQL server. A worker
 * pauses right after the read its decision rests on (a balance, the earlier credit notes, the usage of a
 * period) while the others go on; the test lets the paused ones carry on only once no worker can make progress
 * by itself (paused, finished, or waiting for a lock on the server). Without the ledger lock every worker
 * reaches its read and decides on the same state; with it, the competing writer waits for the lock instead.
 */

const { seeded, race, worker } = raceHarness();

/** A customer with `credit` on its balance (an overpayment: it has no invoice yet). */
async function customerWithCredit(billing: Billing, catalog: BenchCatalog, name: string, credit: string) {
  const customer = await billing.customers.create({
    name,
    email: `${name.toLowerCase().replaceAll(' ', '.')}@example.com`,
    currency: 'EUR',
    taxRateIds: [catalog.vatId],
  });
  const payment = await billing.payments.record({
    customerId: customer.id,
    amount: credit,
    currency: 'EUR',
    method: 'bank_transfer',
  });
  return { customer, payment };
}

/** A finalized one-off invoice of 119.00 (100.00 + 19 % VAT), paid in full by one payment. */
async function paidInvoice(billing: Billing, catalog: BenchCatalog) {
  const customer = await billing.customers.create({
    name: 'Paid Customer',
    email: 'paid@example.com',
    currency: 'EUR',
    taxRateIds: [catalog.vatId],
  });
  const invoice = await billing.invoices.createOneOff({
    customerId: customer.id,
    lines: [{ description: 'Installation', amount: '100.00' }],
    autoFinalize: true,
  });
  const payment = await billing.payments.record({
    customerId: customer.id,
    amount: '119.00',
    currency: 'EUR',
    method: 'bank_transfer',
  });
  expect([invoice.total, (await billing.invoices.get(invoice.id)).status]).toEqual(['119.00', 'paid']);
  return { customer, invoice, payment };
}

describeServer('ledger races between OS processes (PostgreSQL)', () => {
  it('three billing runs spend each customer’s credit once, whichever batch reads it first', async () => {
    const { storage, billing, catalog } = await seeded();
    const customers = [];
    for (const n of [1, 2, 3, 4]) {
      const { customer } = await customerWithCredit(billing, catalog, `Credit Customer ${n}`, '31.00');
      customers.push(customer);
      // 11.90 and 28.56 with VAT: together more than the credit; each run bills one of them per batch.
      for (const item of [{ priceId: catalog.basicPriceId }, { priceId: catalog.seatPriceId, quantity: '3' }]) {
        await billing.subscriptions.create({ customerId: customer.id, items: [item], startAt: STARTS_AT });
      }
    }
    const run = { call: 'runCycle', arg: { batchSize: 1 }, pause: BEFORE_NUMBERING };
    const started = await race(storage, { a: run, b: run, c: run });
    const outcomes = await releaseInOrder(sharedPool(), Object.values(started));
    for (const outcome of outcomes) expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    const summaries = outcomes.map((o) => (o.ok ? (o.result as { invoicesCreated: number }) : undefined));
    expect(summaries.reduce((sum, s) => sum + (s?.invoicesCreated ?? 0), 0)).toBe(8);
    for (const customer of customers) {
      const figures = await expectLedgerKept(storage, customer.id, 'EUR');
      expect(figures.creditApplied.toString(), `credit applied for ${customer.id}`).toBe('31.00');
      expect(figures.balance.toString()).toBe('0.00');
    }
  });

  it('two one-off invoices finalized at once apply the customer’s credit once', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer } = await customerWithCredit(billing, catalog, 'One Off', '31.00');
    const oneOff: Call = {
      call: 'invoices.createOneOff',
      arg: { customerId: customer.id, lines: [{ description: 'Repair', amount: '25.00' }], autoFinalize: true },
      pause: BEFORE_NUMBERING,
    };
    const started = await race(storage, { first: oneOff, second: oneOff });
    const outcomes = await releaseInOrder(sharedPool(), Object.values(started));
    expect(outcomes.map(refusedWith)).toEqual(['ok', 'ok']);
    const applied = outcomes.map((o) => (o.ok ? (o.result as Invoice).creditApplied : '')).sort();
    // 29.75 each: one takes 29.75 of the 31.00, the other the 1.25 left.
    expect(applied).toEqual(['1.25', '29.75']);
    const figures = await expectLedgerKept(storage, customer.id, 'EUR');
    expect([figures.creditApplied.toString(), figures.balance.toString()]).toEqual(['31.00', '0.00']);
  });

  it('a refund of unspent credit racing a billing run that applies it: the credit goes out once', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, payment } = await customerWithCredit(billing, catalog, 'Refund Race', '31.00');
    // 4 seats: 32.00 + 19 % = 38.08, more than the credit.
    await billing.subscriptions.create({
      customerId: customer.id,
      items: [{ priceId: catalog.seatPriceId, quantity: '4' }],
      startAt: STARTS_AT,
    });
    const started = await race(storage, {
      run: { call: 'runCycle', arg: {}, pause: BEFORE_NUMBERING },
      refund: {
        call: 'payments.refund',
        arg: { paymentId: payment.id, amount: '31.00' },
        pause: { call: 'balance.balance', when: 'after' },
      },
    });
    const [run, refund] = await releaseInOrder(sharedPool(), [
      started.run as LedgerWorker,
      started.refund as LedgerWorker,
    ]);
    expect(run?.ok, JSON.stringify(run)).toBe(true);
    const figures = await expectLedgerKept(storage, customer.id, 'EUR');
    // Either the refund came first (the run found no credit) or the run did (the refund is refused).
    if (refund?.ok) {
      expect([figures.refunded.toString(), figures.creditApplied.toString()]).toEqual(['31.00', '0.00']);
    } else {
      expect(refund?.code).toBe('invalid_state');
      expect([figures.refunded.toString(), figures.creditApplied.toString()]).toEqual(['0.00', '31.00']);
    }
    expect(figures.balance.toString()).toBe('0.00');
  });

  it('credit notes for the whole of a paid invoice from three processes: one is issued, and a full refund then leaves the customer paid once', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, invoice, payment } = await paidInvoice(billing, catalog);
    const note: Call = {
      call: 'creditNotes.create',
      arg: { invoiceId: invoice.id, amount: '119.00', reason: 'other' },
      pause: { call: 'creditNotes.list', when: 'after' },
    };
    const started = await race(storage, { x: note, y: note, z: note });
    const outcomes = await releaseInOrder(sharedPool(), Object.values(started));
    expect(outcomes.map(refusedWith).sort()).toEqual(['invalid_input', 'invalid_input', 'ok']);
    let figures = await expectLedgerKept(storage, customer.id, 'EUR');
    expect([figures.credited.toString(), figures.balance.toString()]).toEqual(['119.00', '119.00']);
    // The payment refunded in full takes back the credit note's credit: the customer ends with nothing owed or held.
    await billing.payments.refund({ paymentId: payment.id, amount: '119.00' });
    figures = await expectLedgerKept(storage, customer.id, 'EUR');
    expect(figures.balance.toString()).toBe('0.00');
    const after = await billing.invoices.get(invoice.id);
    expect([after.status, after.amountRemaining, after.amountCredited]).toEqual(['paid', '0.00', '119.00']);
  });

  it('a full credit note racing a full refund: the invoice stays settled and the customer holds no credit', async () => {
    const { storage, billing, catalog } = await seeded();
    const { customer, invoice, payment } = await paidInvoice(billing, catalog);
    const started = await race(storage, {
      note: {
        call: 'creditNotes.create',
        arg: { invoiceId: invoice.id, amount: '119.00', reason: 'other' },
        pause: { call: 'creditNotes.list', when: 'after' },
      },
      refund: {
        call: 'payments.refund',
        arg: { paymentId: payment.id, amount: '119.00' },
        pause: { call: 'balance.balance', when: 'after' },
      },
    });
    // The refund is let go first: without a lock, the note then decides on the invoice as it was before it.
    const outcomes = await releaseInOrder(sharedPool(), [started.refund as LedgerWorker, started.note as LedgerWorker]);
    expect(outcomes.map(refusedWith)).toEqual(['ok', 'ok']);
    const figures = await expectLedgerKept(storage, customer.id, 'EUR');
    const after = await billing.invoices.get(invoice.id);
    expect([after.status, after.amountRemaining, figures.balance.toString()]).toEqual(['paid', '0.00', '0.00']);
  });

  it('usage for the period being invoiced, sent while the run’s batch is open, is billed or refused, never lost', async () => {
    const { storage, billing, catalog } = await seeded();
    // Periods from 10 January, 12 GB on 20 January: the run at 15 February bills [10 Jan, 10 Feb) in arrears.
    const { customer, subscription } = await meteredCustomer(billing, catalog, 'Metered');
    const run = worker(storage, 'run', {
      call: 'runCycle',
      arg: {},
      pause: { call: 'usage.aggregate', when: 'after' },
    });
    // 2,500 late readings of 0.01 GB: a batch the adapter stores with one COPY sent in three pieces (the share lock
    // is taken all the same).
    const late = worker(storage, 'late', {
      call: 'usage.ingest',
      arg: Array.from({ length: 2500 }, (_, n) => ({
        id: `evt_late_${n}`,
        customerId: customer.id,
        eventName: 'data',
        timestamp: '2026-02-05T00:00:00.000Z',
        properties: { gb: '0.01' },
      })),
    });
    await Promise.all([run.ready(), late.ready()]);
    run.go();
    await untilSettled(sharedPool(), [run]);
    // The run holds its batch open, its usage read; the late event is sent now.
    expect(run.state).toBe('paused');
    late.go();
    const [ran, sent] = await releaseInOrder(sharedPool(), [run, late]);
    expect(ran?.ok, JSON.stringify(ran)).toBe(true);
    const invoices: Invoice[] = await listAll((page) =>
      storage.invoices.list({ subscriptionId: subscription.id, ...page }),
    );
    const january = invoices.find((i) => i.lines.some((l) => l.billingCode === 'DATA'));
    const billed = january?.lines.find((l) => l.billingCode === 'DATA')?.quantity;
    if (sent?.ok) {
      expect(sent.result).toMatchObject({ inserted: 2500 });
      expect(billed, 'the accepted late events are billed with their period').toBe('37');
    } else {
      expect([sent?.code, sent?.path]).toEqual(['invalid_input', ['events', 0, 'timestamp']]);
      expect(billed).toBe('12');
    }
    expect(money(january?.total ?? '0', 'EUR').isZero()).toBe(false);
  });
});
