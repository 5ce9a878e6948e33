import type { Customer } from '../../domain/customer';
import type { Invoice } from '../../domain/invoice';
import type { PendingLine, Subscription } from '../../domain/subscription';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { buildDraftInvoice, type DraftLine } from '../invoices/build-invoice';
import { finalizeInvoices } from '../invoices/finalize-invoices';
import { creditBalance } from '../ledger/credit-balance';
import { requireRecord } from '../require-record';
import { listAllById } from '../run-cycle/catalog';
import { taxCodeRates } from '../run-cycle/catalog-lookup';
import { pendingDraftLine } from '../run-cycle/period-charge';
import type { TaxRate } from '../../tax/tax-rate';

/**
 * Invoices proration lines at once (`subscription_update`), inside the caller's transaction: builds the draft
 * (each line at its tax code's rates for the customer, else the customer's; credit balance applied; a negative
 * total becomes customer credit), finalizes and stores it.
 */
export async function invoiceNow(
  session: StorageSession,
  ctx: EngineContext,
  subscription: Subscription,
  customer: Customer,
  lines: readonly PendingLine[],
): Promise<{ invoice: Invoice; notifications: readonly BillingNotification[] }> {
  const taxRates = [];
  for (const [index, id] of customer.taxRateIds.entries()) {
    taxRates.push(await requireRecord(session.taxRates, id, 'tax rate', ['customer', 'taxRateIds', index]));
  }
  const first = lines[0] as PendingLine;
  let allRates: TaxRate[] | undefined;
  const drafted: DraftLine[] = [];
  for (const line of lines) {
    if (line.taxCode === undefined) {
      drafted.push(pendingDraftLine(line));
      continue;
    }
    allRates ??= [...(await listAllById((page) => session.taxRates.list(page))).values()];
    drafted.push({ ...pendingDraftLine(line), taxRates: taxCodeRates(allRates, customer, line.taxCode) });
  }
  const draft = buildDraftInvoice(ctx, {
    customer,
    taxRates,
    billingReason: 'subscription_update',
    subscriptionId: subscription.id,
    currency: subscription.currency,
    ...(first.periodStart === undefined ? {} : { periodStart: first.periodStart }),
    ...(first.periodEnd === undefined ? {} : { periodEnd: first.periodEnd }),
    lines: drafted,
    creditBalance: await creditBalance(session, customer.id, subscription.currency),
  });
  const { invoices, notifications } = await finalizeInvoices(
    session,
    ctx,
    [draft],
    new Map([[customer.id, customer]]),
    new Map([[subscription.id, subscription]]),
  );
  await session.invoices.insertMany(invoices);
  return { invoice: invoices[0] as Invoice, notifications };
}
