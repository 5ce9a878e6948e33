import type { BillingNotification } from '../../notify/notifier';
import type { EngineContext } from '../context';
import { chargeDue } from './charge-due';

/** The invoices an operation finalized, from the notifications it wrote. */
export function finalizedInvoiceIds(notifications: readonly BillingNotification[]): string[] {
  return notifications.flatMap((notification) =>
    notification.type === 'invoice.finalized' ? [notification.invoiceId] : [],
  );
}

/**
 * Charges the invoices an operation has just finalized and committed, when the engine has gateways and charges on
 * finalization (`payments.chargeOnFinalize: 'immediate'`): the first attempts {@link scheduleAutomaticCharges}
 * scheduled for them. Never throws: the invoices are final; an attempt that could not be sent stays due for
 * `collections.run`.
 */
export async function chargeFinalized(ctx: EngineContext, invoiceIds: readonly string[]): Promise<void> {
  const gateways = ctx.gateways;
  if (gateways === undefined || gateways.size === 0 || invoiceIds.length === 0) return;
  if (ctx.config.payments.chargeOnFinalize !== 'immediate') return;
  try {
    const ids: string[] = [];
    for (const invoiceId of invoiceIds) {
      const page = await ctx.storage.paymentAttempts.list({ invoiceId, status: 'scheduled', limit: 10 });
      ids.push(...page.items.map((attempt) => attempt.id));
    }
    if (ids.length === 0) return;
    await chargeDue(ctx, { now: ctx.clock.now().toISOString(), batchSize: ids.length, ids });
  } catch {
    // Deliberately swallowed: what was not charged stays due, and collections.run charges it.
  }
}
