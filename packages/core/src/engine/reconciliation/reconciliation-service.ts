import { z } from 'zod';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { gatewayNamed } from '../online-payments/gateway-registry';
import { BankCreditStatusSchema, type BankCredit } from '../../domain/bank-credit';
import { IdSchema, type Page, PageRequestSchema } from '../../domain/common';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { type ImportStatementInput, importStatement, type StatementImport } from './import-statement';
import { importPayout, type PayoutImport, payoutRepository } from './import-payout';
import { type Payout, PayoutStatusSchema } from '../../domain/payout';
import type { PayoutStatement } from '../../reconciliation/settle-payout';
import { CurrencySchema } from '../../money/schemas';
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

/** Which payouts `reconciliation.listPayouts` returns. */
export const PayoutFilterSchema = PageRequestSchema.extend({
  status: PayoutStatusSchema.optional(),
  currency: CurrencySchema.optional(),
}).strict();

/** Filter of `reconciliation.listPayouts`. */
export type PayoutFilter = z.input<typeof PayoutFilterSchema>;

/** What `reconciliation.fetchPayouts` takes: the arrival dates and, optionally, the gateway's name. */
export const FetchPayoutsInputSchema = z.strictObject({
  gateway: z.string().min(1).max(40).optional(),
  arrivalFrom: z.iso.date(),
  arrivalTo: z.iso.date(),
});

/** Input of `reconciliation.fetchPayouts`. */
export type FetchPayoutsInput = z.input<typeof FetchPayoutsInputSchema>;

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
  /**
   * Imports a gateway payout (its balance transactions: charges, refunds, disputes, fees) against the ledger; see
   * {@link importPayout}. Importing it again changes nothing; a bank line that deposits it reconciles against it.
   * @example
   * ```ts
   * const { payout } = await billing.reconciliation.importPayout({ provider: 'stripe', id: 'po_1', currency: 'EUR',
   *   amount: '144.47', arrivalDate: '2026-03-04', statementDescriptor: 'STRIPE PAYOUT', transactions });
   * payout.status; // 'in_transit', then 'deposited' once the bank statement shows it
   * ```
   */
  importPayout(payout: PayoutStatement): Promise<PayoutImport>;
  /**
   * Fetches the payouts arriving in `[arrivalFrom, arrivalTo)` from a gateway (`gateway`: its name, default the
   * engine's first) through its `listPayouts`, and imports each; see {@link importPayout}.
   * @throws BillingError `invalid_state` when the gateway cannot list payouts.
   */
  fetchPayouts(input: FetchPayoutsInput): Promise<PayoutImport[]>;
  /** Stored payouts, by id; `status: 'review'` is what waits for a person, `in_transit` what waits for the bank. */
  listPayouts(filter?: PayoutFilter): Promise<Page<Payout>>;
  getPayout(payoutId: string): Promise<Payout>;
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
    importPayout: (payout) => importPayout(ctx, payout),
    async fetchPayouts(input) {
      const { gateway: name, ...range } = validate(FetchPayoutsInputSchema, input, 'input');
      const gateway = gatewayNamed(ctx, name, ['input', 'gateway']);
      if (gateway.listPayouts === undefined) {
        throw new BillingError(BillingErrorCode.invalidState, `The ${gateway.name} gateway cannot list payouts`, {
          path: ['input', 'gateway'],
        });
      }
      const imported: PayoutImport[] = [];
      for (const statement of await gateway.listPayouts(range)) imported.push(await importPayout(ctx, statement));
      return imported;
    },
    listPayouts: async (filter) =>
      payoutRepository(ctx.storage).list(validate(PayoutFilterSchema, filter ?? {}, 'filter')),
    async getPayout(payoutId) {
      validate(IdSchema, payoutId, 'payoutId');
      return requireRecord(payoutRepository(ctx.storage), payoutId, 'payout', ['payoutId']);
    },
  };
}
