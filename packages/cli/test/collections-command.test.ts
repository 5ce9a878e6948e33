import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CollectionsRunSummary, createBilling, createTestClock, type EngineConfigInput } from '@billfold/core';
import { createPostgresStorage } from '@billfold/storage-postgres';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli';
import { captureIo } from './support/capture-io';

/*
 * `billfold collections`, `report` and `outbox` on a PGlite folder, sending the outbox to a real SMTP server on
 * loopback. One business customer (Berlin) owes 1,000.00 from 1 March, due at the end of 15 March; on 22 March the
 * run sends reminder 3 and charges 25.00 + 1.83 interest + 40.00 compensation = 66.83 (see docs/collections.md).
 */

const CONFIG: EngineConfigInput = {
  collections: {
    reminders: {
      steps: [
        { days: -3 },
        { days: 0 },
        { days: 7, fee: { fixed: { EUR: '10.00' }, percent: '1.5' } },
        { days: 14, fee: { fixed: { EUR: '10.00' }, percent: '1.5' } },
      ],
    },
    graceDays: 3,
    interest: { referenceRate: '2.15', margin: { business: '9', consumer: '5' }, compensation: { EUR: '40.00' } },
    dunning: { pastDueAfterDays: 0, unpaidAfterDays: 7, suspendAfterDays: 10 },
  },
};

let root: string;
let server: SMTPServer;
let port: number;
const subjects: string[] = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'billfold-collections-'));
  server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
      });
      stream.on('end', () => {
        subjects.push(/^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '');
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
  const storage = await createPostgresStorage({ dataDir: join(root, 'data') });
  const billing = createBilling({ storage, clock: createTestClock('2026-03-01T08:00:00Z'), config: CONFIG });
  const vat = await billing.catalog.taxRates.create({ name: 'VAT 19%', percentage: '19', inclusive: false });
  const product = await billing.catalog.products.create({
    name: 'Fibre 1000',
    billingCode: 'INT-1G',
    category: 'internet',
  });
  const price = await billing.catalog.prices.create({
    productId: product.id,
    spec: { model: 'flat', currency: 'EUR', amount: '840.34' },
    interval: 'month',
  });
  const customer = await billing.customers.create({
    name: 'Acme GmbH',
    email: 'billing@acme.example',
    currency: 'EUR',
    timeZone: 'Europe/Berlin',
    taxIds: [{ type: 'eu_vat', value: 'DE123456789' }],
    taxRateIds: [vat.id],
  });
  await billing.subscriptions.create({ customerId: customer.id, items: [{ priceId: price.id }] });
  await storage.close();
  await writeFile(join(root, 'config.json'), JSON.stringify(CONFIG));
  await writeFile(
    join(root, 'email.json'),
    JSON.stringify({
      smtp: { host: '127.0.0.1', port, requireTLS: false },
      from: { name: 'Acme ISP Billing', address: 'billing@isp.example' },
      seller: { name: 'Acme ISP', address: { line1: 'Hauptstraße 1', city: 'Berlin', country: 'DE' } },
    }),
  );
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (root) await rm(root, { recursive: true, force: true });
});

async function run(...args: string[]) {
  const io = captureIo(root);
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const where = ['--data-dir', 'data'];

describe('billfold collections, report and outbox', () => {
  it('collects, charges the fees and sends the outbox by email; a second run finds nothing', async () => {
    const at = ['--now', '2026-03-22T07:00:00Z', '--config', 'config.json', '--email-config', 'email.json'];
    const first = await run('collections', ...where, ...at);
    expect(first.stderr).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.stdout.slice(1)).toEqual([
      '  invoices collected    1',
      '  reminders sent        1',
      '  became overdue        1',
      '  fees charged          3   EUR 66.83',
      '  dunning               1 past due, 0 unpaid, 0 suspended, 0 canceled',
      '  errors                0',
      // The invoice of 1 March (still waiting in the outbox since), and what this run wrote.
      '  notifications sent    5',
    ]);
    expect([...subjects].sort()).toEqual([
      'Invoice INV-2026-000001 from Acme ISP',
      'Late fee for invoice INV-2026-000001',
      'Overdue: invoice INV-2026-000001',
      'Payment overdue: Fibre 1000',
      'Reminder 3: invoice INV-2026-000001',
    ]);
    const again = await run('collections', ...where, ...at, '--json');
    const summary = JSON.parse(again.stdout.join('\n')) as CollectionsRunSummary & {
      notifications: { claimed: number };
    };
    expect([summary.invoicesCollected, summary.notifications.claimed]).toEqual([0, 0]);
    expect(subjects).toHaveLength(5);
  });

  it('reports aging, payments and collections as text, CSV and JSON', async () => {
    const aging = await run('report', 'aging', ...where, '--now', '2026-03-22T08:00:00Z', '--format', 'csv');
    expect(aging.stdout).toEqual([
      'customer_id,customer_name,currency,current,days_1_30,days_31_60,days_61_90,days_over_90,total,invoices\r',
      expect.stringMatching(/^cus_\w+,Acme GmbH,EUR,66\.83,1000\.00,0\.00,0\.00,0\.00,1066\.83,2\r$/),
      ',Total,EUR,66.83,1000.00,0.00,0.00,0.00,1066.83,2',
    ]);
    const march = ['--from', '2026-03-01', '--to', '2026-04-01'];
    const collections = await run('report', 'collections', ...where, ...march, '--json');
    expect(JSON.parse(collections.stdout.join('\n')).currencies[0]).toMatchObject({
      invoiced: '1066.83',
      receivable: '1066.83',
      fees: [
        { kind: 'compensation', charged: '40.00' },
        { kind: 'interest', charged: '1.83' },
        { kind: 'reminder', charged: '25.00' },
      ],
    });
    const payments = await run('report', 'payments', ...where, ...march);
    expect(payments.stdout).toEqual([
      'Payments received from 2026-03-01T00:00:00.000Z to 2026-04-01T00:00:00.000Z: none.',
    ]);
  });

  it('lists the outbox, and refuses SMTP credentials in the email configuration', async () => {
    const list = await run('outbox', 'list', ...where, '--status', 'delivered');
    expect(list.code).toBe(0);
    expect(list.stdout).toHaveLength(5);
    expect(list.stdout.every((line) => line.includes('delivered'))).toBe(true);
    await writeFile(
      join(root, 'leaky.json'),
      JSON.stringify({
        smtp: { host: '127.0.0.1', port, password: 'hunter2' },
        from: 'billing@isp.example',
        seller: { name: 'Acme ISP', address: { line1: 'Hauptstraße 1', city: 'Berlin', country: 'DE' } },
      }),
    );
    const leaky = await run('outbox', 'dispatch', ...where, '--email-config', 'leaky.json');
    expect(leaky.code).toBe(1);
    expect(leaky.stderr[0]).toContain('SMTP credentials come from environment variables');
    expect(leaky.stderr.join('\n')).not.toContain('hunter2');
  });
});
