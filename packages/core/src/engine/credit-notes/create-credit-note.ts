import { z } from 'zod';
import { IdSchema, MetadataSchema } from '../../domain/common';
import { type CreditNote, type CreditNoteLine, CreditNoteSchema } from '../../domain/credit-note';
import type { Invoice, InvoiceLine } from '../../domain/invoice';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { type Money, money } from '../../money/money';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import { assertMinorUnits, IdempotencyKeySchema, PositiveAmountSchema } from '../amount-schemas';
import { type EngineContext, formatDocumentNumber } from '../context';
import { runIdempotent } from '../idempotency';
import { recordBalanceEntry } from '../ledger/credit-balance';
import { lockDunnedSubscriptions, resumeSettledSubscriptions } from '../collections/settle-dunning';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { lineGross, splitCredit } from './split-credit';
import { displayText } from '../../domain/display-text';

/** What `creditNotes.create` takes: `lines` (each tied to an invoice line or not) or a single `amount`. */
export const CreditNoteInputSchema = z
  .strictObject({
    invoiceId: IdSchema,
    /** Amounts are gross: what comes off the invoice, tax included; the tax is split out per line. */
    lines: z
      .array(
        z.strictObject({
          invoiceLineId: IdSchema.optional(),
          description: displayText(10_000),
          amount: PositiveAmountSchema,
        }),
      )
      .min(1)
      .max(500)
      .optional(),
    /** A gross amount not tied to a line (one credit note line, "Credit"). */
    amount: PositiveAmountSchema.optional(),
    reason: CreditNoteSchema.shape.reason,
    memo: z.string().max(2000).optional(),
    metadata: MetadataSchema.default({}),
    idempotencyKey: IdempotencyKeySchema.optional(),
  })
  .superRefine((input, ctx) => {
    if ((input.lines === undefined) === (input.amount === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'give exactly one of lines and amount' });
    }
  });

/** Input of `creditNotes.create`; see {@link CreditNoteInputSchema}. */
export type CreditNoteInput = z.input<typeof CreditNoteInputSchema>;

/** A validated credit-note request, as {@link issueCreditNote} takes it. */
export type CreditNoteRequest = Omit<z.output<typeof CreditNoteInputSchema>, 'idempotencyKey'>;

/**
 * Issues a credit note against a finalized invoice (open, paid or uncollectible): the only way to correct one.
 * Its total may not exceed what the invoice still holds (`total` minus earlier credit notes), nor a line's
 * gross minus what was credited on that line before. It first reduces the invoice's `amountRemaining` (the
 * invoice becomes `paid` when that reaches 0); the rest becomes customer credit (a `credit_note` balance entry).
 * Numbered gaplessly in the credit-note sequence (`CN-2026-000001`). Tax: see {@link splitCredit}.
 * @throws BillingError `not_found` (invoice, invoice line), `invalid_state` (draft or void invoice),
 * `invalid_input` (too much, amounts finer than the currency).
 */
export async function createCreditNote(ctx: EngineContext, input: CreditNoteInput): Promise<CreditNote> {
  const { idempotencyKey, ...request } = validate(CreditNoteInputSchema, input, 'input');
  const key = idempotencyKey === undefined ? undefined : `creditNotes.create:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, (session, outbox) => issueCreditNote(session, ctx, request, outbox));
}

/**
 * Issues a credit note inside the caller's transaction (see {@link createCreditNote}), taking the invoice's
 * customer's ledger lock; its notifications go to `outbox`. For operations that credit as part of their own work
 * (waiving a past-due fee).
 */
export async function issueCreditNote(
  session: StorageSession,
  ctx: EngineContext,
  request: CreditNoteRequest,
  outbox: BillingNotification[],
): Promise<CreditNote> {
  const invoice = await readUnderLedgerLock(session, session.invoices, request.invoiceId, 'invoice', [
    'input',
    'invoiceId',
  ]);
  if (invoice.status === 'draft' || invoice.status === 'void' || invoice.number === undefined) {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `Cannot credit invoice ${invoice.id}: it is ${invoice.status}; only finalized invoices take credit notes`,
      { path: ['input', 'invoiceId'] },
    );
  }
  const dunned = await lockDunnedSubscriptions(session, invoice.customerId);
  const m = (amount: string) => money(amount, invoice.currency);
  const previous = await previousCredits(session, invoice);
  const lines = creditLines(ctx, request, invoice, previous.byLine);
  const total = lines.reduce((sum, line) => sum.add(line.gross), m('0'));
  const holds = m(invoice.total).subtract(previous.total);
  if (total.compare(holds) > 0) {
    throw new BillingError(
      BillingErrorCode.invalidInput,
      `The credit note (${total}) exceeds what invoice ${invoice.number} still holds (${holds} of ${invoice.total})`,
      { path: ['input', request.amount !== undefined ? 'amount' : 'lines'] },
    );
  }
  const remaining = m(invoice.amountRemaining);
  const applied = total.compare(remaining) < 0 ? total : remaining;
  const toBalance = total.subtract(applied);
  const now = ctx.clock.now();
  const sequence = ctx.config.creditNoteSequence(now);
  const number = formatDocumentNumber(
    sequence,
    await session.invoices.reserveNumbers(sequence, 1),
    ctx.config.numberDigits,
  );
  const subtotal = lines.reduce((sum, line) => sum.add(m(line.record.amount)), m('0'));
  const note: CreditNote = {
    id: ctx.ids('cn'),
    number,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    customerId: invoice.customerId,
    currency: invoice.currency,
    reason: request.reason,
    ...(request.memo !== undefined ? { memo: request.memo } : {}),
    lines: lines.map((line) => line.record),
    subtotal: subtotal.toString(),
    taxTotal: total.subtract(subtotal).toString(),
    total: total.toString(),
    appliedToInvoice: applied.toString(),
    creditedToBalance: toBalance.toString(),
    issuedAt: now.toISOString(),
    metadata: request.metadata,
  };
  await session.creditNotes.insert(note);
  if (!applied.isZero()) {
    const left = remaining.subtract(applied);
    const settled = left.isZero() && (invoice.status === 'open' || invoice.status === 'uncollectible');
    const next: Invoice = {
      ...invoice,
      amountCredited: m(invoice.amountCredited).add(applied).toString(),
      amountRemaining: left.toString(),
      ...(settled ? { status: 'paid' as const, paidAt: now.toISOString(), overdue: false } : {}),
      version: invoice.version + 1,
    };
    await session.invoices.update(next);
    if (settled)
      outbox.push({
        type: 'invoice.paid',
        customerId: invoice.customerId,
        invoiceId: invoice.id,
        occurredAt: now.toISOString(),
      });
  }
  if (!toBalance.isZero()) {
    await recordBalanceEntry(session, ctx, {
      customerId: invoice.customerId,
      currency: invoice.currency,
      amount: toBalance.toString(),
      type: 'credit_note',
      referenceId: note.id,
    });
  }
  outbox.push({
    type: 'credit_note.issued',
    customerId: invoice.customerId,
    invoiceId: invoice.id,
    creditNoteId: note.id,
    occurredAt: now.toISOString(),
  });
  await resumeSettledSubscriptions(session, ctx, dunned, outbox);
  return note;
}

/** What earlier credit notes took off the invoice: in all, and per invoice line (gross). */
async function previousCredits(
  session: StorageSession,
  invoice: Invoice,
): Promise<{ total: Money; byLine: Map<string, Money> }> {
  let total = money('0', invoice.currency);
  const byLine = new Map<string, Money>();
  let cursor: string | undefined;
  do {
    const page = await session.creditNotes.list({
      invoiceId: invoice.id,
      limit: 1000,
      ...(cursor !== undefined ? { cursor } : {}),
    });
    for (const note of page.items) {
      total = total.add(money(note.total, invoice.currency));
      for (const line of note.lines) {
        if (line.invoiceLineId === undefined) continue;
        const gross = line.taxes.reduce(
          (sum, tax) => sum.add(money(tax.amount, invoice.currency)),
          money(line.amount, invoice.currency),
        );
        byLine.set(line.invoiceLineId, (byLine.get(line.invoiceLineId) ?? money('0', invoice.currency)).add(gross));
      }
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return { total, byLine };
}

/** The credit note's lines with net and tax split, checked against the invoice lines they credit. */
function creditLines(
  ctx: EngineContext,
  request: CreditNoteRequest,
  invoice: Invoice,
  creditedByLine: Map<string, Money>,
): { gross: Money; record: CreditNoteLine }[] {
  const given = request.lines ?? [{ description: 'Credit', amount: request.amount as string }];
  const credited = new Map(creditedByLine);
  return given.map((line, index) => {
    const path = request.lines !== undefined ? ['input', 'lines', index] : ['input'];
    assertMinorUnits(line.amount, invoice.currency, [...path, 'amount']);
    const gross = money(line.amount, invoice.currency);
    let invoiceLine: InvoiceLine | undefined;
    if ('invoiceLineId' in line && line.invoiceLineId !== undefined) {
      const id = line.invoiceLineId;
      invoiceLine = invoice.lines.find((candidate) => candidate.id === id);
      if (invoiceLine === undefined) {
        throw new BillingError(BillingErrorCode.notFound, `Invoice ${invoice.number} has no line "${id}"`, {
          path: [...path, 'invoiceLineId'],
        });
      }
      const before = credited.get(id) ?? money('0', invoice.currency);
      const left = lineGross(invoiceLine, invoice.currency).subtract(before);
      if (gross.compare(left) > 0) {
        throw new BillingError(
          BillingErrorCode.invalidInput,
          `At most ${left} can still be credited on invoice line "${id}"`,
          {
            path: [...path, 'amount'],
          },
        );
      }
      credited.set(id, before.add(gross));
    }
    const split = splitCredit(gross, invoice, invoiceLine);
    const record: CreditNoteLine = {
      id: ctx.ids('cnl'),
      ...(invoiceLine !== undefined ? { invoiceLineId: invoiceLine.id } : {}),
      description: line.description,
      amount: split.net.toString(),
      taxes: split.taxes.map((tax) => ({ rateId: tax.rateId, amount: tax.amount.toString() })),
    };
    return { gross, record };
  });
}
