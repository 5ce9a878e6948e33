import { IdSchema } from '../../domain/common';
import type { Invoice } from '../../domain/invoice';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { money } from '../../money/money';
import type { EngineContext } from '../context';
import { runIdempotent } from '../idempotency';
import { recordBalanceEntry } from '../ledger/credit-balance';
import { lockDunnedSubscriptions, resumeSettledSubscriptions } from '../collections/settle-dunning';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { ledgerTransaction } from '../ledger/ledger-transaction';
import { requireRecord } from '../require-record';
import { finalizeInvoices } from './finalize-invoices';
import { assertNotErased } from '../customers/erased-customer-rule';

function wrongState(invoice: Invoice, action: string, hint: string): never {
  throw new BillingError(
    BillingErrorCode.invalidState,
    `Cannot ${action} invoice ${invoice.id}: it is ${invoice.status}. ${hint}`,
    {
      path: ['invoiceId'],
    },
  );
}

/**
 * Finalizes a stored draft: number, customer snapshot, issue and due dates, credit applied (see
 * {@link finalizeInvoices}).
 * @throws BillingError `not_found`; `invalid_state` unless the invoice is a draft.
 */
export async function finalizeInvoice(ctx: EngineContext, invoiceId: string): Promise<Invoice> {
  validate(IdSchema, invoiceId, 'invoiceId');
  return runIdempotent(ctx, undefined, undefined, async (session, outbox) => {
    const draft = await readUnderLedgerLock(session, session.invoices, invoiceId, 'invoice', ['invoiceId']);
    if (draft.status !== 'draft') wrongState(draft, 'finalize', 'Only a draft can be finalized.');
    const customer = await requireRecord(session.customers, draft.customerId, 'customer', ['invoiceId']);
    assertNotErased(customer, ['invoiceId']);
    const { invoices, notifications } = await finalizeInvoices(
      session,
      ctx,
      [draft],
      new Map([[customer.id, customer]]),
    );
    const finalized: Invoice = { ...(invoices[0] as Invoice), version: draft.version + 1 };
    await session.invoices.update(finalized);
    outbox.push(...notifications);
    return finalized;
  });
}

/**
 * Voids an open invoice on which nothing was paid or credited: it is no longer owed (`amountRemaining` 0,
 * `voidedAt` set) and the credit it had applied goes back to the customer's balance (a positive
 * `applied_to_invoice` entry). Anything else is corrected with a credit note.
 * @throws BillingError `not_found`; `invalid_state` when the invoice is not open or has payments or credit notes.
 */
export async function voidInvoice(ctx: EngineContext, invoiceId: string): Promise<Invoice> {
  validate(IdSchema, invoiceId, 'invoiceId');
  return runIdempotent(ctx, undefined, undefined, async (session, outbox) => {
    const invoice = await readUnderLedgerLock(session, session.invoices, invoiceId, 'invoice', ['invoiceId']);
    const hint = 'To correct a finalized invoice that was paid or credited, issue a credit note (creditNotes.create).';
    if (invoice.status !== 'open') {
      wrongState(
        invoice,
        'void',
        invoice.status === 'draft' ? 'A draft is not owed yet; finalize it or leave it.' : hint,
      );
    }
    const m = (amount: string) => money(amount, invoice.currency);
    if (!m(invoice.amountPaid).isZero() || !m(invoice.amountCredited).isZero()) {
      throw new BillingError(
        BillingErrorCode.invalidState,
        `Cannot void invoice ${invoice.id}: ${invoice.amountPaid} was paid and ${invoice.amountCredited} credited on it. ${hint}`,
        { path: ['invoiceId'] },
      );
    }
    const now = ctx.clock.now().toISOString();
    const dunned = await lockDunnedSubscriptions(session, invoice.customerId);
    const voided: Invoice = {
      ...invoice,
      status: 'void',
      amountRemaining: m('0').toString(),
      voidedAt: now,
      overdue: false,
      version: invoice.version + 1,
    };
    await session.invoices.update(voided);
    if (m(invoice.creditApplied).compare(m('0')) > 0) {
      await recordBalanceEntry(session, ctx, {
        customerId: invoice.customerId,
        currency: invoice.currency,
        amount: invoice.creditApplied,
        type: 'applied_to_invoice',
        referenceId: invoice.id,
      });
    }
    await resumeSettledSubscriptions(session, ctx, dunned, outbox);
    return voided;
  });
}

/**
 * Marks an open invoice as uncollectible (written off). It still accepts explicit payment allocations and
 * credit notes, and becomes `paid` when nothing remains.
 * @throws BillingError `not_found`; `invalid_state` unless the invoice is open.
 */
export async function markInvoiceUncollectible(ctx: EngineContext, invoiceId: string): Promise<Invoice> {
  validate(IdSchema, invoiceId, 'invoiceId');
  return ledgerTransaction(ctx.storage, async (session) => {
    const invoice = await readUnderLedgerLock(session, session.invoices, invoiceId, 'invoice', ['invoiceId']);
    if (invoice.status !== 'open')
      wrongState(invoice, 'mark uncollectible', 'Only an open invoice can be written off.');
    const next: Invoice = { ...invoice, status: 'uncollectible', version: invoice.version + 1 };
    await session.invoices.update(next);
    return next;
  });
}
