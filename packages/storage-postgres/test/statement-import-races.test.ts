import { type Billing, listAll, parseCamt } from '@billfold/core';
import { expect, it } from 'vitest';
import { describeServer, sharedPool } from './support/backends';
import { expectLedgerKept } from './support/ledger-expect';
import type { LedgerOpOutcome } from './support/ledger-op-child';
import { type LedgerWorker, releaseInOrder } from './support/ledger-workers';
import { type Call, raceHarness, refusedWith } from './support/race-harness';

/*
 * Bank-statement import (issue 13) raced from several OS processes on a real PostgreSQL server (see
 * ledger-races.test.ts for how): two processes import the same statement, a third an overlapping one, and a fourth
 * records a payment by hand for one of the same invoices. Every importer decides on the open invoices it read before
 * any of them wrote; the ledger lock and the statement line's key must make each line one payment at most and never
 * pay an invoice twice.
 */

const { seeded, race } = raceHarness();

const IBAN = 'DE89370400440532013000';

/** A camt.053 credit line booked on 20 February. */
const entry = (reference: string, amount: string, remittance: string) =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>` +
  `<BookgDt><Dt>2026-02-14</Dt></BookgDt><ValDt><Dt>2026-02-14</Dt></ValDt><AcctSvcrRef>${reference}</AcctSvcrRef>` +
  `<BkTxCd/><NtryDtls><TxDtls><RmtInf><Ustrd>${remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;

/** A camt.053 statement of the account with `entries`. */
const statement = (id: string, entries: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">' +
  `<BkToCstmrStmt><GrpHdr><MsgId>${id}</MsgId><CreDtTm>2026-02-15T06:00:00Z</CreDtTm></GrpHdr>` +
  `<Stmt><Id>${id}</Id><CreDtTm>2026-02-15T06:00:00Z</CreDtTm><Acct><Id><IBAN>${IBAN}</IBAN></Id></Acct>` +
  `${entries}</Stmt></BkToCstmrStmt></Document>`;

/** A customer without tax and one finalized invoice of `amount` per entry of `amounts`. */
async function customerOwing(billing: Billing, name: string, amounts: readonly string[]) {
  const customer = await billing.customers.create({
    name,
    email: `${name.toLowerCase()}@example.com`,
    currency: 'EUR',
  });
  const invoices = [];
  for (const amount of amounts) {
    invoices.push(
      await billing.invoices.createOneOff({
        customerId: customer.id,
        lines: [{ description: 'Consulting', amount }],
        autoFinalize: true,
      }),
    );
  }
  return { customer, invoices };
}

/** The outcome of statement line `lineId` in an import's result. */
const lineOutcome = (outcome: LedgerOpOutcome | undefined, lineId: string) => {
  if (outcome?.ok !== true) return `refused: ${JSON.stringify(outcome)}`;
  const line = (outcome.result as { lines: { lineId: string; outcome: string; reason?: string }[] }).lines.find(
    (l) => l.lineId === lineId,
  );
  return line?.reason === undefined ? line?.outcome : `${line.outcome} (${line.reason})`;
};

describeServer('bank-statement import raced between OS processes (PostgreSQL)', () => {
  it('the same and an overlapping statement imported by three processes while a payment is recorded by hand: one payment per line, no invoice paid twice', async () => {
    const { storage, billing } = await seeded();
    const ada = await customerOwing(billing, 'Ada', ['119.00']);
    const bob = await customerOwing(billing, 'Bob', ['50.00', '30.00']);
    const [adaInvoice] = ada.invoices as [(typeof ada.invoices)[number]];
    const [first, second] = bob.invoices as [(typeof bob.invoices)[number], (typeof bob.invoices)[number]];
    const morning = parseCamt(
      statement(
        'S-1',
        entry('B-1', '119.00', `Invoice ${adaInvoice.number}`) + entry('B-2', '50.00', `${first.number}`),
      ),
    );
    // The bank's next statement repeats B-2 (an intraday one, say) and adds B-3.
    const evening = parseCamt(
      statement('S-2', entry('B-2', '50.00', `${first.number}`) + entry('B-3', '30.00', `Rechnung ${second.number}`)),
    );
    // Each importer pauses once it has read the open invoices (the matching book): all decide that Ada owes 119.00.
    const importOf = (file: typeof morning): Call => ({
      call: 'reconciliation.import',
      arg: file,
      pause: { call: 'bankCredits.list', when: 'after' },
    });
    // The payment by hand pauses holding Ada's ledger lock, her invoice read as open.
    const byHand: Call = {
      call: 'payments.record',
      arg: {
        customerId: ada.customer.id,
        amount: '119.00',
        currency: 'EUR',
        method: 'bank_transfer',
        allocations: [{ invoiceId: adaInvoice.id, amount: '119.00' }],
      },
      pause: { call: 'invoices.get', when: 'after' },
    };
    const started = await race(storage, {
      a: importOf(morning),
      b: importOf(morning),
      c: importOf(evening),
      hand: byHand,
    });
    // The importers go on first, the payment by hand last: Ada's line must wait for her ledger lock and then find
    // the invoice paid; Bob's lines are recorded by whichever importer reaches them first.
    const order = ['a', 'b', 'c', 'hand'].map((name) => started[name] as LedgerWorker);
    const [a, b, c, hand] = await releaseInOrder(sharedPool(), order);
    expect(refusedWith(hand as LedgerOpOutcome), JSON.stringify(hand)).toBe('ok');
    expect([lineOutcome(a, 'B-1'), lineOutcome(b, 'B-1')].sort()).toEqual([
      'already_imported',
      'proposed (invalid_state)',
    ]);
    expect([lineOutcome(a, 'B-2'), lineOutcome(b, 'B-2'), lineOutcome(c, 'B-2')].sort()).toEqual([
      'already_imported',
      'already_imported',
      'matched',
    ]);
    expect(lineOutcome(c, 'B-3')).toBe('matched');

    const payments = await listAll((page) => storage.payments.list(page));
    expect(payments.map((p) => `${p.customerId === ada.customer.id ? 'ada' : 'bob'} ${p.amount}`).sort()).toEqual([
      'ada 119.00',
      'bob 30.00',
      'bob 50.00',
    ]);
    const credits = await listAll((page) => storage.bankCredits.list(page));
    expect(credits.map((credit) => `${credit.lineId} ${credit.status}`).sort()).toEqual([
      'B-1 proposed',
      'B-2 matched',
      'B-3 matched',
    ]);
    // The payment each matched credit names is the one the line made.
    for (const credit of credits.filter((c) => c.status === 'matched')) {
      expect(payments.find((p) => p.id === credit.paymentId)?.amount).toBe(credit.amount);
    }
    for (const invoice of [adaInvoice, first, second]) {
      const after = await billing.invoices.get(invoice.id);
      expect([after.status, after.amountPaid], after.number).toEqual(['paid', invoice.total]);
    }
    for (const { customer } of [ada, bob]) {
      const figures = await expectLedgerKept(storage, customer.id, 'EUR');
      expect(figures.balance.toString(), customer.name).toBe('0.00');
    }
    // Ada's transfer, refused for an invoice paid meanwhile, waits for a person; assigned to her, it pays no invoice
    // again: all of it becomes her credit.
    const waiting = credits.find((credit) => credit.lineId === 'B-1');
    await billing.reconciliation.assign({ bankCreditId: waiting?.id as string, customerId: ada.customer.id });
    const figures = await expectLedgerKept(storage, ada.customer.id, 'EUR');
    expect(figures.balance.toString()).toBe('119.00');
    expect((await billing.invoices.get(adaInvoice.id)).amountPaid).toBe('119.00');
  });
});
