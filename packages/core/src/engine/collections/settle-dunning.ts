import { listAll } from '../../domain/list-all';
import type { Subscription } from '../../domain/subscription';
import type { BillingNotification } from '../../notify/notifier';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { leaveDunning } from './dunning';

/**
 * The customer's subscriptions in dunning, locked for update: for an operation that may settle overdue invoices
 * (a payment, a credit note, a void). Call it right after the customer's ledger lock and before any invoice write
 * (rule L5: customers → subscription rows → invoices). Costs one `subscriptions.list` when none is in dunning.
 */
export async function lockDunnedSubscriptions(session: StorageSession, customerId: string): Promise<Subscription[]> {
  const subscriptions = await listAll((page) => session.subscriptions.list({ customerId, ...page }));
  const ids = subscriptions.filter((subscription) => subscription.dunning !== undefined).map((s) => s.id);
  if (ids.length === 0) return [];
  const locked = await session.subscriptions.lock(ids.sort(), 'update');
  return locked.filter((subscription) => subscription.dunning !== undefined);
}

/**
 * After the operation's invoice writes: each of `subscriptions` (from {@link lockDunnedSubscriptions}) with no
 * overdue open invoice left leaves dunning — `active` again, the suspension over — and the customer hears
 * `subscription.resumed`. Reminders of a paid invoice stop by themselves: only open invoices are collected.
 */
export async function resumeSettledSubscriptions(
  session: StorageSession,
  ctx: EngineContext,
  subscriptions: readonly Subscription[],
  outbox: BillingNotification[],
): Promise<void> {
  const now = ctx.clock.now().toISOString();
  for (const subscription of subscriptions) {
    const open = await listAll((page) =>
      session.invoices.list({ subscriptionId: subscription.id, status: 'open', ...page }),
    );
    if (open.some((invoice) => invoice.overdue)) continue;
    await session.subscriptions.update({
      ...leaveDunning(subscription),
      updatedAt: now,
      version: subscription.version + 1,
    });
    outbox.push({
      type: 'subscription.resumed',
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
      ...(subscription.dunning !== undefined ? { invoiceId: subscription.dunning.invoiceId } : {}),
      occurredAt: now,
    });
  }
}
