import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { type BankCredit, type Billing, listAll, parseCamt, parseCsvStatement, systemClock } from '@billfold/core';
import type { CliIo } from '../cli-io';
import { ENGINE_HELP, ENGINE_OPTIONS, formatDispatch, readJson, withEngine } from '../engine-options';
import { instantOption, integerOption, parseOptions, stringOption } from '../parse-options';
import { CREATE_HELP, CREATE_OPTION, STORAGE_HELP, STORAGE_OPTIONS, storageTarget } from '../storage-from-args';
import { ExitCode, UsageError } from '../usage-error';
import { importPayoutsFile, listPayouts } from './reconcile-payouts';

/** The help of `billfold reconcile`. */
export const RECONCILE_HELP = `Usage: billfold reconcile import FILE|queue|confirm ID|reject ID|assign ID|dismiss ID|payouts [FILE] (--db URL | --data-dir DIR) [options]

Bank reconciliation: statements imported into the ledger, and what waits for a person.
  import FILE   import a camt.053 / camt.054 / camt.052 XML statement (or a CSV one with --mapping): exact matches
                become bank-transfer payments; importing the same statement again changes nothing
  queue         the bank credits waiting for a person: proposals to confirm and unmatched credits to place
  confirm ID    record a proposal's payment (--candidate N, default 0)
  reject ID     send a proposal to the queue of unmatched credits
  assign ID     record a queued credit's payment for --customer ID (its open invoices, oldest due first)
  dismiss ID    set aside a credit that is no customer's payment (--reason TEXT)
  payouts FILE  import gateway payouts from JSON (one payout, or an array, as the gateway reports it: its charges,
                refunds, disputes and fees); each is checked against the ledger's payments, and a bank line that
                deposits it reconciles against it; importing the same payout again changes nothing
  payouts       the stored payouts (--status in_transit|deposited|review)

Options:
${STORAGE_HELP.join('\n')}
${CREATE_HELP}
${ENGINE_HELP.join('\n')}
  --mapping FILE    the CSV column mapping as JSON (see docs/reconciliation.md); makes FILE a CSV statement
  --candidate N     which candidate confirm records (default 0)
  --customer ID     whose payment assign records
  --reason TEXT     why a credit is rejected or dismissed
  --status STATUS   which payouts to list
  --now ISO         the time of the change (default: the current time)
  --json            print JSON
  -h, --help        this help`;

const OPTIONS = {
  ...STORAGE_OPTIONS,
  ...CREATE_OPTION,
  ...ENGINE_OPTIONS,
  mapping: { type: 'string' },
  candidate: { type: 'string' },
  customer: { type: 'string' },
  reason: { type: 'string' },
  status: { type: 'string' },
  now: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const ACTIONS = ['import', 'queue', 'confirm', 'reject', 'assign', 'dismiss', 'payouts'] as const;
type Action = (typeof ACTIONS)[number];

/** One waiting credit as a line: id, status and reason, amount, value date, payer, what they wrote. */
export function bankCreditLine(credit: BankCredit): string {
  const candidates = credit.candidates
    .map(
      (c, i) =>
        `[${i}] ${c.customerId} ${c.allocations.map((a) => `${a.invoiceNumber} ${a.amount}`).join(' + ') || 'credit'}`,
    )
    .join('; ');
  return [
    credit.id,
    `${credit.status}/${credit.reason ?? credit.resolution ?? ''}`,
    `${credit.amount} ${credit.currency}`,
    credit.valueDate ?? '-',
    credit.payerName ?? '-',
    JSON.stringify(credit.remittance.slice(0, 60)),
    candidates,
  ]
    .filter((part) => part !== '')
    .join('  ');
}

async function importFile(billing: Billing, file: string, mappingPath: string | undefined, cwd: string) {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    throw new UsageError(`${file}: no such file`, 'reconcile');
  }
  const statement =
    mappingPath === undefined
      ? parseCamt(bytes)
      : parseCsvStatement(
          new TextDecoder().decode(bytes),
          (await readJson('reconcile', '--mapping', mappingPath, cwd)) as never,
        );
  return billing.reconciliation.import(statement);
}

/**
 * `billfold reconcile import|queue|confirm|reject|assign|dismiss|payouts`: see {@link RECONCILE_HELP}.
 * @returns the exit code.
 */
export async function reconcileCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseOptions('reconcile', args, OPTIONS, 2);
  if (parsed.values.help) {
    io.out(RECONCILE_HELP);
    return ExitCode.ok;
  }
  const [action, argument] = parsed.positionals as [string | undefined, string | undefined];
  if (action === undefined || !(ACTIONS as readonly string[]).includes(action)) {
    throw new UsageError(
      action === undefined ? `name the action: ${ACTIONS.join(', ')}` : `unknown action "${action}"`,
      'reconcile',
    );
  }
  if (action !== 'payouts' && (action === 'queue') !== (argument === undefined)) {
    throw new UsageError(
      action === 'queue'
        ? `unexpected argument "${argument}"`
        : `${action} needs ${action === 'import' ? 'the file' : 'the bank credit id'}`,
      'reconcile',
    );
  }
  const customer = stringOption(parsed, 'customer');
  if (action === 'assign' && customer === undefined) throw new UsageError('assign needs --customer ID', 'reconcile');
  const reason = stringOption(parsed, 'reason');
  const candidate = integerOption('reconcile', parsed, 'candidate', { min: 0, max: 100, fallback: 0 });
  const now = instantOption('reconcile', parsed, 'now');
  const target = storageTarget('reconcile', parsed, { required: true, io });
  const clock = now === undefined ? systemClock : { now: () => new Date(now) };
  const id = argument as string;
  const reasonInput = reason !== undefined ? { reason } : {};
  const credit = async (change: Promise<BankCredit>) => {
    const changed = await change;
    return { result: changed as unknown, lines: [bankCreditLine(changed)] };
  };
  const run: Record<Action, (billing: Billing) => Promise<{ result: unknown; lines: string[] }>> = {
    import: async (billing) => {
      const imported = await importFile(billing, id, stringOption(parsed, 'mapping'), io.cwd);
      const counts = Object.entries(imported.counts).map(([outcome, count]) => `${outcome} ${count}`);
      return {
        result: imported,
        lines: [
          `Imported ${imported.lines.length} statement line(s): ${counts.join(', ')}`,
          ...imported.lines.map(
            (l) =>
              `  ${l.lineId}  ${l.amount} ${l.currency}  ${l.outcome}${l.reason !== undefined ? ` (${l.reason})` : ''}` +
              `${l.payoutId !== undefined ? ` (payout ${l.payoutId})` : ''}`,
          ),
        ],
      };
    },
    queue: async (billing) => {
      const waiting = [
        ...(await listAll((page) => billing.reconciliation.list({ status: 'proposed', ...page }))),
        ...(await listAll((page) => billing.reconciliation.list({ status: 'unmatched', ...page }))),
      ];
      return {
        result: waiting,
        lines:
          waiting.length === 0
            ? ['Nothing waits: every imported credit is matched or dismissed.']
            : waiting.map(bankCreditLine),
      };
    },
    confirm: (billing) => credit(billing.reconciliation.confirm({ bankCreditId: id, candidate })),
    reject: (billing) => credit(billing.reconciliation.reject({ bankCreditId: id, ...reasonInput })),
    assign: (billing) => credit(billing.reconciliation.assign({ bankCreditId: id, customerId: customer as string })),
    dismiss: (billing) => credit(billing.reconciliation.dismiss({ bankCreditId: id, ...reasonInput })),
    payouts: (billing) =>
      argument === undefined
        ? listPayouts(billing, stringOption(parsed, 'status'))
        : importPayoutsFile(billing, argument, io.cwd),
  };
  // Payments recorded here notify like any other: delivered as email with --email-config.
  const outcome = await withEngine('reconcile', parsed, io, target, clock, run[action as Action]);
  const { result, lines } = outcome.result;
  if (parsed.values.json) io.out(JSON.stringify(result, null, 2));
  else {
    for (const line of lines) io.out(line);
    for (const line of formatDispatch(outcome.dispatched)) io.out(line.trim());
  }
  return ExitCode.ok;
}
