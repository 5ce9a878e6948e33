import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgingReport, type FailedPaymentsReport, money, type RevenueReport } from '@billfold/core';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/capture-io';

/*
 * migrate, demo, run and report as a user runs them, one after the other on PGlite kept in a folder
 * (`--data-dir`): each command opens the folder, does its work and closes it.
 */

let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'billfold-cli-'));
  dataDir = join(root, 'data');
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

const run = (...args: string[]) => runCli(root, ...args);

describe('billfold on a PGlite data folder', () => {
  it('refuses run and report on a folder that holds no database, creating nothing', async () => {
    for (const command of [
      ['run', '--now', '2026-02-01'],
      ['report', 'aging'],
    ]) {
      const { code, stdout, stderr } = await run(...command, '--data-dir', 'typo');
      expect(code).toBe(1);
      expect(stdout).toEqual([]);
      expect(stderr).toEqual([
        `billfold ${command[0]}: ${join(root, 'typo')} does not exist: check --data-dir, or pass --create to start a new billing database there`,
      ]);
      expect(existsSync(join(root, 'typo'))).toBe(false);
    }
    await mkdir(join(root, 'empty'));
    const empty = await run('run', '--data-dir', 'empty');
    expect(empty.stderr).toEqual([
      `billfold run: ${join(root, 'empty')} holds no database: check --data-dir, or pass --create to start a new billing database there`,
    ]);
    expect(await readdir(join(root, 'empty'))).toEqual([]);
  });

  it('refuses a report before the tables exist', async () => {
    // A PGlite database without billing tables.
    await (await createPostgresStorage({ dataDir, migrate: false })).close();
    const { code, stderr } = await run('report', 'aging', '--data-dir', 'data');
    expect(code).toBe(1);
    expect(stderr).toEqual([
      `billfold report: PGlite in ${dataDir} has no billing tables: run "billfold migrate" first, pass --create, or check --schema`,
    ]);
  });

  it('starts a new database with --create', async () => {
    const created = await run('run', '--data-dir', 'fresh', '--now', '2026-02-01', '--create');
    expect(created.code).toBe(0);
    expect(created.stdout[1]).toBe('  subscriptions billed  0');
    expect(await run('run', '--data-dir', 'fresh', '--now', '2026-02-01')).toMatchObject({ code: 0, stderr: [] });
    const report = await run('report', 'revenue', '--data-dir', 'other', '--create', '--json');
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout.join('\n')).totals).toEqual([]);
  });

  it('migrates, then finds nothing left to apply', async () => {
    expect(await run('migrate', '--data-dir', 'data')).toEqual({
      code: 0,
      stdout: [
        `Migrated PGlite in ${dataDir}; applied versions:`,
        '  1 init',
        '  2 tax-rate-categories',
        '  3 scoped-usage-and-lookups',
        '  4 collections-and-outbox',
        '  5 catalog-and-subscription-lifecycle',
        '  6 online-payments',
        '  7 reconciliation',
        '  8 data-protection',
        '  9 gateway-payouts',
      ],
      stderr: [],
    });
    expect((await run('migrate', '--data-dir', 'data')).stdout).toEqual([
      `PGlite in ${dataDir} is up to date (latest migration: 9 gateway-payouts).`,
    ]);
  });

  it('bills nothing on an empty database', async () => {
    const { code, stdout } = await run('run', '--data-dir', 'data', '--now', '2026-02-01');
    expect(code).toBe(0);
    expect(stdout).toEqual([
      `Billing run at 2026-02-01T00:00:00.000Z on PGlite in ${dataDir}`,
      '  subscriptions billed  0',
      '  invoices created      0',
      '  invoiced              -',
      '  errors                0',
      '  per step (items, errors by code, passes × mean latency)',
      expect.stringMatching(/^ {4}run\.catalog {10}items 0 {5}errors 0 {12}1 × \d+\.\d ms$/),
      expect.stringMatching(/^ {4}run\.run {14}items 0 {5}errors 0 {12}1 × \d+\.\d ms$/),
    ]);
  });

  it('keeps the demo in its own schema, where run and report find it', async () => {
    // Eight customers: three pay by card, so there are card payments and declines (seed 2026).
    const demo = await run('demo', '--data-dir', 'data', '--customers', '8', '--months', '2', '--out', 'docs');
    expect(demo.code).toBe(0);
    expect(demo.stdout[0]).toContain(`on PGlite in ${dataDir} (schema billfold_demo)`);
    expect(demo.stdout.at(-1)).toBe(
      `Records kept in schema billfold_demo: billfold report aging --data-dir ${dataDir} --schema billfold_demo --now 2026-03-01`,
    );
    const where = ['--data-dir', 'data', '--schema', 'billfold_demo'];

    // March 1st: every live subscription is due; a second run at the same instant finds nothing.
    const march = await run('run', ...where, '--now', '2026-03-01T12:00:00Z', '--json');
    expect(march.code).toBe(0);
    const summary = JSON.parse(march.stdout.join('\n'));
    expect(summary.invoicesCreated).toBeGreaterThan(0);
    expect(summary.errors).toEqual([]);
    const again = JSON.parse((await run('run', ...where, '--now', '2026-03-01T12:00:00Z', '--json')).stdout.join('\n'));
    expect(again.invoicesCreated).toBe(0);

    const aging = await run('report', 'aging', ...where, '--now', '2026-04-01', '--json');
    const report = JSON.parse(aging.stdout.join('\n')) as AgingReport;
    expect(report.asOf).toBe('2026-04-01T00:00:00.000Z');
    expect(report.rows.length).toBeGreaterThan(0);
    for (const total of report.totals) {
      // Each currency's total is the sum of its customers' totals.
      const rows = report.rows.filter((row) => row.currency === total.currency);
      const sum = rows.reduce((s, row) => s.add(money(row.total, row.currency)), money('0', total.currency));
      expect(sum.toString()).toBe(total.total);
    }
    const agingText = await run('report', 'aging', ...where, '--now', '2026-04-01');
    expect(agingText.stdout[0]).toBe('Customer aging as of 2026-04-01T00:00:00.000Z (days past due)');
    expect(agingText.stdout[2]).toMatch(
      /^Customer\s+Currency\s+Current\s+1-30\s+31-60\s+61-90\s+90\+\s+Total\s+Invoices$/,
    );

    const revenue = await run('report', 'revenue', ...where, '--now', '2026-04-01', '--json');
    const byMonth = JSON.parse(revenue.stdout.join('\n')) as RevenueReport;
    expect([byMonth.fromMonth, byMonth.toMonth]).toEqual(['2025-04', '2026-03']);
    expect([...new Set(byMonth.byBillingCode.map((row) => row.month))]).toEqual(['2026-01', '2026-02', '2026-03']);
    const codes = new Set(byMonth.byBillingCode.map((row) => row.billingCode));
    for (const code of ['INT-50M', 'DATA', 'SETUP', 'IP-STATIC']) expect(codes).toContain(code);

    const declines = ['report', 'failed-payments', ...where, '--from', '2026-01-01', '--to', '2026-04-01'];
    const failed = JSON.parse((await run(...declines, '--json')).stdout.join('\n')) as FailedPaymentsReport;
    expect(failed.rows.length).toBeGreaterThan(0);
    const csv = (await run(...declines, '--format', 'csv')).stdout.join('\n').split(/\r?\n/);
    expect(csv[0]).toBe(
      'attempt_id,failed_at,customer_id,invoice_id,invoice_number,gateway,attempt_number,trigger,currency,amount,' +
        'decline_code,decline_kind,decline_message,next_attempt_at,invoice_status',
    );
    // One record per declined attempt, in the report's order, with its amount and decline code.
    expect(csv.slice(1).map((record) => record.split(',').slice(0, 1).concat(record.split(',').slice(9, 11)))).toEqual(
      failed.rows.map((row) => [row.attemptId, row.amount, row.declineCode]),
    );
  });

  it('imports a camt.053 statement into the demo ledger once, and reports what waits and the business figures', async () => {
    const where = ['--data-dir', 'data', '--schema', 'billfold_demo'];
    const storage = await createPostgresStorage({ dataDir, schema: 'billfold_demo', migrate: false });
    const open = (await storage.invoices.list({ status: 'open', limit: 1000 })).items.find(
      (i) => i.number !== undefined,
    );
    await storage.close();
    if (open === undefined) throw new Error('the demo left no open invoice');
    const entry = (reference: string, amount: string, remittance: string) =>
      `<Ntry><Amt Ccy="${open.currency}">${amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>` +
      `<BookgDt><Dt>2026-03-20</Dt></BookgDt><ValDt><Dt>2026-03-20</Dt></ValDt><AcctSvcrRef>${reference}</AcctSvcrRef>` +
      `<BkTxCd/><NtryDtls><TxDtls><RmtInf><Ustrd>${remittance}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">' +
      '<BkToCstmrStmt><GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-03-21T08:00:00Z</CreDtTm></GrpHdr>' +
      '<Stmt><Id>S-1</Id><CreDtTm>2026-03-21T08:00:00Z</CreDtTm><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct>' +
      entry('CLI-1', open.amountRemaining, `Invoice ${open.number}`) +
      entry('CLI-2', '12.34', 'no idea') +
      '</Stmt></BkToCstmrStmt></Document>';
    await writeFile(join(root, 'statement.xml'), xml);
    const first = await run('reconcile', 'import', 'statement.xml', ...where, '--now', '2026-03-21', '--json');
    expect(first.stderr).toEqual([]);
    expect(JSON.parse(first.stdout.join('\n')).counts).toEqual({
      matched: 1,
      proposed: 0,
      unmatched: 1,
      ignored: 0,
      already_imported: 0,
    });
    const again = await run('reconcile', 'import', 'statement.xml', ...where, '--now', '2026-03-21');
    expect(again.stdout[0]).toBe(
      'Imported 2 statement line(s): matched 0, proposed 0, unmatched 0, ignored 0, already_imported 2',
    );
    const queue = await run('reconcile', 'queue', ...where);
    expect(queue.stdout).toHaveLength(1);
    expect(queue.stdout[0]).toMatch(/^bcr_\S+ {2}unmatched\/no_reference {2}12\.34 \w{3} {2}2026-03-20/);
    const cash = await run('report', 'cash', ...where, '--format', 'csv');
    expect(cash.stdout[0]?.trimEnd()).toBe(
      'currency,proposed_credits,proposed_amount,unmatched_credits,unmatched_amount,oldest_value_date,unapplied_payments,unapplied_amount,' +
        'payouts_in_transit,payouts_in_transit_amount,payouts_in_review,payouts_in_review_amount,oldest_payout_arrival_date',
    );
    expect(cash.stdout.join('\n')).toContain(',0,0.00,1,12.34,2026-03-20,');
    const mrr = await run('report', 'mrr', ...where, '--from-month', '2026-01', '--to-month', '2026-03', '--json');
    const months = JSON.parse(mrr.stdout.join('\n')).months as { month: string; closing: string; arr: string }[];
    expect(months.length).toBeGreaterThan(0);
    for (const m of months) expect(money(m.arr, 'EUR').compare(money(m.closing, 'EUR').multiply(12))).toBe(0);
    const onboarding = await run('report', 'onboarding', ...where, '--from', '2025-12-01', '--to', '2026-04-01');
    expect(onboarding.stdout[2]).toMatch(
      /^Month\s+New customers\s+Invoiced\s+Days to invoice\s+Paid\s+Days to payment$/,
    );
  });

  it('imports a gateway payout of two demo card payments once, and the cash report counts it in transit', async () => {
    const where = ['--data-dir', 'data', '--schema', 'billfold_demo'];
    const storage = await createPostgresStorage({ dataDir, schema: 'billfold_demo', migrate: false });
    const attempts = (await storage.paymentAttempts.list({ status: 'succeeded', limit: 1000 })).items;
    await storage.close();
    const charged = attempts.filter((attempt) => attempt.chargeId !== undefined);
    const currency = ['EUR', 'USD'].find((c) => charged.filter((attempt) => attempt.currency === c).length >= 2);
    const [a, b] = charged.filter((attempt) => attempt.currency === currency);
    if (currency === undefined || a === undefined || b === undefined) throw new Error('the demo charged too few cards');
    // Net: both amounts less fees of 1.00 and 0.50.
    const net = money(a.amount, currency).add(money(b.amount, currency)).subtract(money('1.50', currency)).toString();
    const payout = {
      provider: a.gateway,
      id: 'po_cli_1',
      currency,
      amount: net,
      arrivalDate: '2026-03-25',
      transactions: [
        { id: 'txn_cli_1', type: 'charge', providerPaymentId: a.chargeId, amount: a.amount, fee: '1.00' },
        { id: 'txn_cli_2', type: 'charge', providerPaymentId: b.chargeId, amount: b.amount, fee: '0.50' },
      ],
    };
    await writeFile(join(root, 'payout.json'), JSON.stringify(payout));
    const first = await run('reconcile', 'payouts', 'payout.json', ...where, '--now', '2026-03-26');
    expect(first.stderr).toEqual([]);
    expect(first.stdout[0]).toBe('Imported 1 payout(s): imported 1, already_imported 0');
    expect(first.stdout[1]).toContain(`${a.gateway} po_cli_1  in_transit  net ${net} ${currency} (charges `);
    const again = await run('reconcile', 'payouts', 'payout.json', ...where, '--now', '2026-03-26');
    expect(again.stdout[0]).toBe('Imported 1 payout(s): imported 0, already_imported 1');
    const listed = await run('reconcile', 'payouts', ...where, '--status', 'in_transit', '--json');
    const stored = JSON.parse(listed.stdout.join('\n')) as { fees: string; mismatches: unknown[] }[];
    expect(stored.map((p) => [p.fees, p.mismatches])).toEqual([['1.50', []]]);
    const cash = await run('report', 'cash', ...where, '--format', 'csv');
    const row = cash.stdout
      .join('\n')
      .split(/\r?\n/)
      .find((record) => record.startsWith(`${currency},`));
    expect(row?.split(',').slice(8)).toEqual(['1', net, '0', '0.00', '2026-03-25']);
  });
});
