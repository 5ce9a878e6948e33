import type { z } from 'zod';
import { BankCreditStatusSchema, type BankCredit } from '../../domain/bank-credit';
import { IdSchema, type Page, PageRequestSchema } from '../../domain/common';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { type ImportStatementInput, importStatement, type StatementImport } from './import-statement';
import {
  type AssignBankCreditInput,
  assignBankCredit,
  type ConfirmBankCreditInput,
  confirmBankCredit,
  dismissBankCredit,
  rejectBankCredit,
  type SetAsideBankCreditInput,
} from './resolve-bank-credit';

/** Which bank credits `reconciliation.list` returns. */
export const BankCreditFilterSchema = PageRequestSchema.extend({
  status: BankCreditStatusSchema.optional(),
  customerId: IdSchema.optional(),
}).strict();

/** Filter of `reconciliation.list`. */
export type BankCreditFilter = z.input<typeof BankCreditFilterSchema>;

/**
 * Bank reconciliation in the ledger: statements imported (exact matches recorded as payments, the rest kept for
 * a person), proposals confirmed or rejected, the queue of unmatched credits worked through.
 */
export interface ReconciliationService {
  /**
   * Imports a parsed statement; see {@link importStatement}. Importing the same statement again changes nothing.
   * @example
   * ```ts
   * const result = await billing.reconciliation.import(parseCamt(xml));
   * result.counts; // { matched: 12, proposed: 2, unmatched: 1, ignored: 4, already_imported: 0 }
   * ```
   */
  import(statement: ImportStatementInput): Promise<StatementImport>;
  /** Stored bank credits, by id; `status: 'proposed'` and `'unmatched'` are what waits for a person. */
  list(filter?: BankCreditFilter): Promise<Page<BankCredit>>;
  get(bankCreditId: string): Promise<BankCredit>;
  /** Confirms a proposal's candidate (default the first): its payment is recorded. */
  confirm(input: ConfirmBankCreditInput): Promise<BankCredit>;
  /** Rejects a proposal: the credit waits in the queue of unmatched ones. */
  reject(input: SetAsideBankCreditInput): Promise<BankCredit>;
  /** Assigns a queued credit to a customer (and invoices): its payment is recorded. */
  assign(input: AssignBankCreditInput): Promise<BankCredit>;
  /** Dismisses a credit that is no customer's payment. */
  dismiss(input: SetAsideBankCreditInput): Promise<BankCredit>;
}

/** Creates the reconciliation service over an engine context. */
export function createReconciliationService(ctx: EngineContext): ReconciliationService {
  return {
    import: (statement) => importStatement(ctx, statement),
    list: async (filter) => ctx.storage.bankCredits.list(validate(BankCreditFilterSchema, filter ?? {}, 'filter')),
    async get(bankCreditId) {
      validate(IdSchema, bankCreditId, 'bankCreditId');
      return requireRecord(ctx.storage.bankCredits, bankCreditId, 'bank credit', ['bankCreditId']);
    },
    confirm: (input) => confirmBankCredit(ctx, input),
    reject: (input) => rejectBankCredit(ctx, input),
    assign: (input) => assignBankCredit(ctx, input),
    dismiss: (input) => dismissBankCredit(ctx, input),
  };
}
