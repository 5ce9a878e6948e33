import { z } from 'zod';
import type { BankCredit } from '../../domain/bank-credit';
import { isBillingError } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import type { DeeplyReadonly } from '../../pricing/price-schema';
import { statementLineKey } from '../../reconciliation/bank-transfer-payment';
import type { StatementLineMatch } from '../../reconciliation/match-result';
import { matchStatement } from '../../reconciliation/match-statement';
import { BankStatementEntrySchema } from '../../reconciliation/statement-entry';
import { type StatementLine, statementLines } from '../../reconciliation/statement-lines';
import type { EngineContext } from '../context';
import { RecordPaymentInputSchema } from '../payments/record-payment';
import { recordBankCreditPayment } from './bank-credit-payment';
import { loadMatchingBook } from './matching-book';
import { depositPayout, findDepositedPayout, payoutsAwaitingDeposit } from './payout-deposit';
import type { Payout } from '../../domain/payout';
import { BillingErrorCode } from '../../errors/billing-error';

/** What `reconciliation.import` takes: a parsed statement (`parseCamt`, `parseCsvStatement`) or its entries. */
export const ImportStatementInputSchema = z.object({
  entries: z.array(BankStatementEntrySchema).max(1_000_000),
});

/** Input of `reconciliation.import`; a `BankStatementFile` fits as it is. */
export type ImportStatementInput = DeeplyReadonly<z.input<typeof ImportStatementInputSchema>>;

/** What became of one statement line on import. */
export interface ImportedLine {
  readonly lineId: string;
  readonly amount: string;
  readonly currency: string;
  /**
   * `matched` (a payment was recorded), `proposed`, `unmatched` (stored for a person), `ignored` (a debit, not
   * booked, a reversal, zero, a duplicate within the file: not stored), `already_imported` (stored before: nothing
   * changed).
   */
  readonly outcome: 'matched' | 'proposed' | 'unmatched' | 'ignored' | 'already_imported';
  /** The matcher's reason for a proposal, an unmatched or an ignored line. */
  readonly reason?: string;
  readonly bankCreditId?: string;
  readonly paymentId?: string;
  /** The gateway payout a `matched` line deposits (its payments are in the ledger already). */
  readonly payoutId?: string;
}

/** What `reconciliation.import` returns: one result per line in statement order, and counts per outcome. */
export interface StatementImport {
  readonly lines: readonly ImportedLine[];
  readonly counts: Readonly<Record<ImportedLine['outcome'], number>>;
}

/** The stored form of a line the matcher decided on (before its payment, for a matched one). */
function bankCredit(
  ctx: EngineContext,
  match: Exclude<StatementLineMatch, { kind: 'ignored' }>,
  line: StatementLine | undefined,
): BankCredit {
  const valueDate = line?.entry.valueDate ?? line?.entry.bookingDate;
  const payerIban = line?.payer?.iban;
  const payerName = line?.payer?.name;
  return {
    id: ctx.ids('bcr'),
    key: statementLineKey(match.account, match.lineId),
    account: match.account,
    lineId: match.lineId,
    entryId: match.entryId,
    status: match.kind === 'exact' ? 'matched' : match.kind,
    ...(match.kind === 'exact' ? { resolution: 'automatic' as const } : { reason: match.reason }),
    amount: match.amount,
    currency: match.currency,
    ...(valueDate !== undefined ? { valueDate } : {}),
    ...(payerName !== undefined ? { payerName } : {}),
    ...(payerIban !== undefined ? { payerIban } : {}),
    remittance: (line?.texts ?? []).join(' | ').slice(0, 4000),
    candidates: match.candidates.map((candidate) => ({
      customerId: candidate.customerId,
      rule: candidate.rule,
      allocations: candidate.allocations.map((a) => ({ ...a })),
      unapplied: candidate.unapplied,
    })),
    referencedInvoiceIds: [...match.referencedInvoiceIds],
    importedAt: ctx.clock.now().toISOString(),
    version: 1,
  };
}

/**
 * Imports a bank statement into the ledger: matches its credit lines against the open invoices
 * (`matchStatement`), records each exact match as a bank-transfer payment (idempotency key
 * `bank:<account>:<line id>`) together with its stored bank credit in one transaction, and stores proposals and
 * unmatched lines for a person. A line stored before is left alone, so importing the same statement twice (or a
 * camt.053 after the camt.054 of the same entries) changes nothing. A payment the ledger refuses when it is
 * recorded (an invoice paid in the meantime) is stored as a proposal with the error's code as its reason. A line
 * that is not an exact invoice payment but a gateway payout's deposit (`findDepositedPayout`: the payout's net
 * amount, named by its id or statement descriptor, or the only one arriving within a few days) is stored `matched`
 * against the stored payout (`resolution: 'payout'`) instead of waiting in the queue.
 */
export async function importStatement(ctx: EngineContext, input: ImportStatementInput): Promise<StatementImport> {
  const { entries } = validate(ImportStatementInputSchema, input, 'statement');
  const book = await loadMatchingBook(ctx.storage);
  const match = matchStatement({ entries, ...book });
  const lines = new Map<string, StatementLine>();
  for (const entry of entries)
    for (const line of statementLines(entry)) if (!lines.has(line.id)) lines.set(line.id, line);
  const results: ImportedLine[] = [];
  const awaiting = new Map<string, Payout[]>();
  const payoutsIn = async (currency: string) => {
    if (ctx.storage.payouts === undefined) return [];
    const cached = awaiting.get(currency) ?? (await payoutsAwaitingDeposit(ctx.storage.payouts, currency));
    awaiting.set(currency, cached);
    return cached;
  };
  for (const line of match.lines) {
    const base = { lineId: line.lineId, amount: line.amount, currency: line.currency };
    if (line.kind === 'ignored') {
      results.push({ ...base, outcome: 'ignored', reason: line.reason });
      continue;
    }
    const stored = await ctx.storage.bankCredits.getByKey(statementLineKey(line.account, line.lineId));
    if (stored !== undefined) {
      results.push({ ...base, outcome: 'already_imported', bankCreditId: stored.id });
      continue;
    }
    const credit = bankCredit(ctx, line, lines.get(line.lineId));
    if (line.kind !== 'exact') {
      const deposited = await depositOfPayout(ctx, credit, await payoutsIn(line.currency));
      if (deposited !== undefined) {
        results.push({ ...base, outcome: 'matched', bankCreditId: deposited.id, payoutId: deposited.payoutId });
        continue;
      }
    }
    if (line.kind === 'exact') {
      const { idempotencyKey: _key, ...request } = validate(RecordPaymentInputSchema, line.payment, 'payment');
      try {
        const recorded = await recordBankCreditPayment(ctx, credit, request, {
          resolution: 'automatic',
          write: 'insert',
        });
        results.push({
          ...base,
          // Another import of the same statement stored it first: nothing changed here.
          outcome: recorded.id === credit.id ? 'matched' : 'already_imported',
          bankCreditId: recorded.id,
          ...(recorded.paymentId !== undefined ? { paymentId: recorded.paymentId } : {}),
        });
        continue;
      } catch (error) {
        if (!isBillingError(error)) throw error;
        credit.status = 'proposed';
        delete credit.resolution;
        credit.reason = error.code;
      }
    }
    try {
      await ctx.storage.bankCredits.insert(credit);
      const outcome = credit.status === 'unmatched' ? 'unmatched' : 'proposed';
      results.push({
        ...base,
        outcome,
        ...(credit.reason !== undefined ? { reason: credit.reason } : {}),
        bankCreditId: credit.id,
      });
    } catch (error) {
      const again = await ctx.storage.bankCredits.getByKey(credit.key);
      if (again === undefined) throw error;
      results.push({ ...base, outcome: 'already_imported', bankCreditId: again.id });
    }
  }
  const counts = { matched: 0, proposed: 0, unmatched: 0, ignored: 0, already_imported: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return { lines: results, counts };
}

/**
 * Stores `credit` as the deposit of the payout among `awaiting` it pays, if one does (and takes that payout out of
 * `awaiting`); `undefined` when none does, or when another import deposited the payout first.
 */
async function depositOfPayout(
  ctx: EngineContext,
  credit: BankCredit,
  awaiting: Payout[],
): Promise<(BankCredit & { payoutId: string }) | undefined> {
  const payouts = ctx.storage.payouts;
  const payout = findDepositedPayout(credit, awaiting);
  if (payouts === undefined || payout === undefined) return undefined;
  awaiting.splice(awaiting.indexOf(payout), 1);
  const now = ctx.clock.now().toISOString();
  try {
    const stored = await ctx.storage.transaction((session) =>
      depositPayout(session, session.payouts ?? payouts, credit, payout, 'insert', now),
    );
    return { ...stored, payoutId: payout.id };
  } catch (error) {
    if (isBillingError(error) && error.code === BillingErrorCode.conflict) return undefined;
    throw error;
  }
}
