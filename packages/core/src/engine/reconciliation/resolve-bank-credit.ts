import { z } from 'zod';
import type { BankCredit, BankCreditStatus } from '../../domain/bank-credit';
import { IdSchema } from '../../domain/common';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { money } from '../../money/money';
import { PositiveAmountSchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import type { PaymentRequest } from '../payments/record-payment';
import { requireRecord } from '../require-record';
import { recordBankCreditPayment } from './bank-credit-payment';

/** What `reconciliation.confirm` takes: a proposed credit and which of its candidates (default the first). */
export const ConfirmBankCreditSchema = z.strictObject({
  bankCreditId: IdSchema,
  candidate: z.number().int().min(0).max(100).default(0),
});

/** Input of `reconciliation.confirm`. */
export type ConfirmBankCreditInput = z.input<typeof ConfirmBankCreditSchema>;

/**
 * What `reconciliation.assign` takes: a credit from the queue (or a proposal), the customer it came from and,
 * optionally, the invoices it pays (else that customer's open invoices in its currency, oldest due first; the
 * rest becomes credit).
 */
export const AssignBankCreditSchema = z.strictObject({
  bankCreditId: IdSchema,
  customerId: IdSchema,
  allocations: z
    .array(z.strictObject({ invoiceId: IdSchema, amount: PositiveAmountSchema }))
    .min(1)
    .max(100)
    .optional(),
});

/** Input of `reconciliation.assign`. */
export type AssignBankCreditInput = z.input<typeof AssignBankCreditSchema>;

/** What `reject` and `dismiss` take: the credit and why. */
export const SetAsideBankCreditSchema = z.strictObject({
  bankCreditId: IdSchema,
  reason: z.string().min(1).max(500).optional(),
});

/** Input of `reconciliation.reject` and `reconciliation.dismiss`. */
export type SetAsideBankCreditInput = z.input<typeof SetAsideBankCreditSchema>;

async function creditIn(ctx: EngineContext, id: string, allowed: readonly BankCreditStatus[]): Promise<BankCredit> {
  const credit = await requireRecord(ctx.storage.bankCredits, id, 'bank credit', ['input', 'bankCreditId']);
  if (!allowed.includes(credit.status)) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `Bank credit ${id} is ${credit.status}; only a ${allowed.join(' or ')} one can be changed this way`,
      { path: ['input', 'bankCreditId'] },
    );
  }
  return credit;
}

function paymentRequest(
  credit: BankCredit,
  customerId: string,
  allocations: readonly { invoiceId: string; amount: string }[] | undefined,
): PaymentRequest {
  return {
    customerId,
    amount: credit.amount,
    currency: credit.currency,
    method: 'bank_transfer',
    reference: credit.lineId.slice(0, 200),
    ...(credit.valueDate !== undefined ? { receivedAt: `${credit.valueDate}T00:00:00.000Z` } : {}),
    ...(allocations !== undefined ? { allocations: allocations.map((a) => ({ ...a })) } : {}),
    metadata: { statementAccount: credit.account, statementLine: credit.lineId, bankCreditId: credit.id },
  };
}

/**
 * Confirms a proposal: records its candidate's payment (the ledger re-checks what each invoice still owes now:
 * `invalid_input` when an invoice took other money since) and marks the credit `matched`.
 */
export async function confirmBankCredit(ctx: EngineContext, input: ConfirmBankCreditInput): Promise<BankCredit> {
  const { bankCreditId, candidate: index } = validate(ConfirmBankCreditSchema, input, 'input');
  const credit = await creditIn(ctx, bankCreditId, ['proposed']);
  const candidate = credit.candidates[index];
  if (candidate === undefined) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `Bank credit ${bankCreditId} has ${credit.candidates.length} candidate(s); there is no candidate ${index}`,
      { path: ['input', 'candidate'] },
    );
  }
  // An empty list of allocations settles no invoice: the whole amount becomes the customer's credit.
  const request = paymentRequest(credit, candidate.customerId, candidate.allocations);
  return recordBankCreditPayment(ctx, credit, request, { resolution: 'confirmed', write: 'update' });
}

/** Assigns a queued (or proposed) credit to a customer and, optionally, invoices: records its payment. */
export async function assignBankCredit(ctx: EngineContext, input: AssignBankCreditInput): Promise<BankCredit> {
  const { bankCreditId, customerId, allocations } = validate(AssignBankCreditSchema, input, 'input');
  const credit = await creditIn(ctx, bankCreditId, ['unmatched', 'proposed']);
  if (allocations !== undefined) {
    const total = allocations.reduce((sum, a) => sum.add(money(a.amount, credit.currency)), money('0', credit.currency));
    if (total.compare(money(credit.amount, credit.currency)) > 0) {
      throw new BillingError(
        BillingErrorCode.invalidInput,
        `allocations (${total}) exceed the bank credit (${credit.amount})`,
        { path: ['input', 'allocations'] },
      );
    }
  }
  return recordBankCreditPayment(ctx, credit, paymentRequest(credit, customerId, allocations), {
    resolution: 'assigned',
    write: 'update',
  });
}

/** Moves a credit without a payment to `status`, checked against the version read. */
async function setAside(
  ctx: EngineContext,
  input: SetAsideBankCreditInput,
  from: readonly BankCreditStatus[],
  status: BankCreditStatus,
  defaultReason: string,
): Promise<BankCredit> {
  const { bankCreditId, reason } = validate(SetAsideBankCreditSchema, input, 'input');
  const credit = await creditIn(ctx, bankCreditId, from);
  const next: BankCredit = {
    ...credit,
    status,
    reason: reason ?? defaultReason,
    ...(status === 'dismissed' ? { resolvedAt: ctx.clock.now().toISOString() } : {}),
    version: credit.version + 1,
  };
  await ctx.storage.bankCredits.update(next);
  return next;
}

/** Rejects a proposal: the credit goes to the queue of unmatched lines (reason `rejected` unless given). */
export function rejectBankCredit(ctx: EngineContext, input: SetAsideBankCreditInput): Promise<BankCredit> {
  return setAside(ctx, input, ['proposed'], 'unmatched', 'rejected');
}

/** Dismisses a credit that is not a customer payment (a refund from a supplier, interest): kept with the reason. */
export function dismissBankCredit(ctx: EngineContext, input: SetAsideBankCreditInput): Promise<BankCredit> {
  return setAside(ctx, input, ['proposed', 'unmatched'], 'dismissed', 'dismissed');
}
