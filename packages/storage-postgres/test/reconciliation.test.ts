import { createBilling, createTestClock, listAll, parseCamt } from '@billfold/core';
import { expect, it } from 'vitest';
import { createPostgresStorage } from '../src/index';
import { describeBackends, dropSchema, newPool, sharedPGlite } from './support/backends';

/*
 * Bank reconciliation on SQL storage: a camt.053 statement imported into the ledger, then imported again by two
 * engines at once: one payment per exact line and one stored credit per line, whoever wins.
 */

const entry = (reference: string, amount: string, remittance: string) =>
  `<Ntry><Amt Ccy="EUR">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>` +
  `<BookgDt><Dt>2026-03-20</Dt></BookgDt><ValDt><Dt>2026-03-20</Dt></ValDt><AcctSvcrRef>${reference}</AcctSvcrRef>` +
  `<BkTxCd/><NtryDtls><TxDtls><RmtInf><Ustrd>${remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;

const statement = (entries: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">' +
  '<BkToCstmrStmt><GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-03-21T08:00:00Z</CreDtTm></GrpHdr>' +
  '<Stmt><Id>S-1</Id><CreDtTm>2026-03-21T08:00:00Z</CreDtTm><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>' +
  `${entries}</Stmt></BkToCstmrStmt></Document>`;

describeBackends('reconciliation on SQL storage', (backend) => {
  it('records each exact line once, however often and however concurrently the statement is imported', async () => {
    const storage = await backend.storage();
    const server = backend.name !== 'pglite';
    const pool = server ? newPool(3) : undefined;
    const other =
      pool === undefined
        ? await createPostgresStorage({ pglite: await sharedPGlite(), schema: storage.schema as string, migrate: false })
        : await createPostgresStorage({ pool, schema: storage.schema as string, migrate: false });
    try {
      const clock = createTestClock('2026-03-21T09:00:00Z');
      const billing = createBilling({ storage, clock });
      const customer = await billing.customers.create({ name: 'Ada', email: 'ada@example.com', currency: 'EUR' });
      const invoices = [];
      for (const amount of ['119.00', '50.00', '30.00']) {
        invoices.push(
          await billing.invoices.createOneOff({
            customerId: customer.id,
            lines: [{ description: 'Work', amount }],
            autoFinalize: true,
          }),
        );
      }
      const xml = statement(
        entry('B-1', '119.00', `Invoice ${invoices[0]?.number}`) +
          // 50.00 + 30.00: one payment for two invoices, proposed.
          entry('B-2', '80.00', `${invoices[1]?.number} ${invoices[2]?.number}`) +
          entry('B-3', '5.00', 'donation'),
      );
      // Two engines import the same statement at once: each line is stored by one of them, the other finds it.
      const twin = createBilling({ storage: other, clock });
      const results = await Promise.all([
        billing.reconciliation.import(parseCamt(xml)),
        twin.reconciliation.import(parseCamt(xml)),
      ]);
      const outcomes = (lineId: string) =>
        results.map((r) => r.lines.find((l) => l.lineId === lineId)?.outcome).sort();
      expect(outcomes('B-1')).toEqual(['already_imported', 'matched']);
      expect(outcomes('B-2')).toEqual(['already_imported', 'proposed']);
      expect(outcomes('B-3')).toEqual(['already_imported', 'unmatched']);
      // And once more: nothing new.
      expect((await billing.reconciliation.import(parseCamt(xml))).counts.already_imported).toBe(3);
      expect((await listAll((page) => storage.payments.list(page))).map((p) => p.amount)).toEqual(['119.00']);
      expect(await listAll((page) => storage.bankCredits.list(page))).toHaveLength(3);
      const [proposal] = (await billing.reconciliation.list({ status: 'proposed' })).items;
      await billing.reconciliation.confirm({ bankCreditId: proposal?.id as string });
      for (const invoice of invoices) expect((await billing.invoices.get(invoice.id)).status).toBe('paid');
      const cash = await billing.reports.unreconciledCash();
      expect(cash.currencies).toEqual([
        {
          currency: 'EUR',
          proposed: { credits: 0, amount: '0.00' },
          unmatched: { credits: 1, amount: '5.00' },
          oldestValueDate: '2026-03-20',
          unapplied: { payments: 0, amount: '0.00' },
        },
      ]);
    } finally {
      await pool?.end();
      await dropSchema(storage);
    }
  });
});
