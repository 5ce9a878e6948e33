import { z } from 'zod';
import type { CollectionFee } from '../../domain/collection-fee';
import { IdSchema } from '../../domain/common';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { IdempotencyKeySchema } from '../amount-schemas';
import type { EngineContext } from '../context';
import { issueCreditNote } from '../credit-notes/create-credit-note';
import { lineGross } from '../credit-notes/split-credit';
import { runIdempotent } from '../idempotency';
import { readUnderLedgerLock } from '../ledger/ledger-lock';
import { requireRecord } from '../require-record';

/** What `collections.waiveFee` takes. */
export const WaiveFeeInputSchema = z.strictObject({
  feeId: IdSchema,
  /** Printed on the credit note as its memo. */
  reason: z.string().max(2000).optional(),
  idempotencyKey: IdempotencyKeySchema.optional(),
});

/** Input of `collections.waiveFee`; see {@link WaiveFeeInputSchema}. */
export type WaiveFeeInput = z.input<typeof WaiveFeeInputSchema>;

/**
 * Waives a past-due fee. A fee billed on its own invoice is taken back with a credit note on its line (gross: the
 * tax on it too), which settles that invoice or becomes customer credit like any credit note; a fee still waiting
 * as a pending line on a subscription is simply removed from it. The fee record stays, `waived`, so the same fee is
 * never charged again. One transaction, under the customer's ledger lock.
 * @throws BillingError `not_found`; `invalid_state` when it is waived already, or was billed by a subscription
 * invoice since (credit that invoice's fee line with `creditNotes.create`).
 */
export async function waiveFee(ctx: EngineContext, input: WaiveFeeInput): Promise<CollectionFee> {
  const { idempotencyKey, ...request } = validate(WaiveFeeInputSchema, input, 'input');
  const key = idempotencyKey === undefined ? undefined : `collections.waiveFee:${idempotencyKey}`;
  return runIdempotent(ctx, key, request, async (session, outbox) => {
    const path = ['input', 'feeId'];
    const fee = await readUnderLedgerLock(session, session.collectionFees, request.feeId, 'fee', path);
    if (fee.status === 'waived') {
      throw new BillingError(BillingErrorCode.invalidState, `Fee ${fee.id} is waived already`, { path });
    }
    const now = ctx.clock.now().toISOString();
    let creditNoteId: string | undefined;
    if (fee.feeInvoiceId !== undefined) {
      const invoice = await requireRecord(session.invoices, fee.feeInvoiceId, 'invoice', path);
      const line = invoice.lines.find((candidate) => candidate.id === fee.invoiceLineId);
      if (line === undefined) {
        throw new BillingError(BillingErrorCode.notFound, `Fee ${fee.id}: its line is not on invoice ${invoice.id}`, {
          path,
        });
      }
      const note = await issueCreditNote(
        session,
        ctx,
        {
          invoiceId: invoice.id,
          lines: [
            {
              invoiceLineId: line.id,
              description: `Waived: ${line.description}`,
              amount: lineGross(line, invoice.currency).toString(),
            },
          ],
          reason: 'other',
          ...(request.reason !== undefined ? { memo: request.reason } : {}),
          metadata: {},
        },
        outbox,
      );
      creditNoteId = note.id;
    } else if (fee.subscriptionId !== undefined) {
      const [subscription] = await session.subscriptions.lock([fee.subscriptionId], 'update');
      const pendingLines = subscription?.pendingLines.filter((line) => line.feeId !== fee.id) ?? [];
      if (subscription === undefined || pendingLines.length === subscription.pendingLines.length) {
        throw new BillingError(
          BillingErrorCode.invalidState,
          `Fee ${fee.id} was billed by subscription ${fee.subscriptionId}'s invoice since: credit that invoice's fee line with creditNotes.create`,
          { path },
        );
      }
      await session.subscriptions.update({
        ...subscription,
        pendingLines,
        updatedAt: now,
        version: subscription.version + 1,
      });
    }
    const waived: CollectionFee = {
      ...fee,
      status: 'waived',
      waivedAt: now,
      ...(creditNoteId !== undefined ? { creditNoteId } : {}),
      version: fee.version + 1,
    };
    await session.collectionFees.update(waived);
    return waived;
  });
}
