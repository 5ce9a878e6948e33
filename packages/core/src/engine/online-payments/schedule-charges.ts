import type { Customer } from '../../domain/customer';
import type { CollectionMethod, CustomerPaymentMethod } from '../../domain/customer-payment-method';
import type { Invoice } from '../../domain/invoice';
import type { PaymentAttempt } from '../../domain/payment-attempt';
import type { Subscription } from '../../domain/subscription';
import { listAll } from '../../domain/list-all';
import { money } from '../../money/money';
import type { StorageSession } from '../../storage/storage-adapter';
import type { EngineContext } from '../context';
import { attemptIdempotencyKey } from './gateway-registry';

/** How an invoice is collected: its subscription's `collectionMethod`, else its customer's, else `send_invoice`. */
export function collectionMethodOf(customer: Customer, subscription: Subscription | undefined): CollectionMethod {
  return subscription?.collectionMethod ?? customer.collectionMethod ?? 'send_invoice';
}

/** The customer's default saved method at a gateway the engine has, or `undefined`. */
export async function defaultPaymentMethod(
  session: StorageSession,
  ctx: EngineContext,
  customerId: string,
): Promise<CustomerPaymentMethod | undefined> {
  const methods = await listAll((page) => session.paymentMethods.list({ customerId, status: 'active', ...page }));
  return methods.find((method) => method.isDefault && ctx.gateways?.has(method.gateway) === true);
}

/**
 * Schedules the first automatic charge of each finalized invoice that is collected automatically (see
 * {@link collectionMethodOf}), still owes money and whose customer has a default saved method, inside the caller's
 * transaction: a `scheduled` attempt due at once, under the key `<invoiceId>:attempt:1`. An invoice whose customer
 * has no default method is left to be paid like a sent invoice. Nothing is scheduled when the engine has no gateways.
 * @returns the attempts scheduled.
 */
export async function scheduleAutomaticCharges(
  session: StorageSession,
  ctx: EngineContext,
  invoices: readonly Invoice[],
  customers: ReadonlyMap<string, Customer>,
  subscriptions: ReadonlyMap<string, Subscription>,
): Promise<PaymentAttempt[]> {
  if (ctx.gateways === undefined || ctx.gateways.size === 0) return [];
  const now = ctx.clock.now().toISOString();
  const methods = new Map<string, CustomerPaymentMethod | undefined>();
  const scheduled: PaymentAttempt[] = [];
  for (const invoice of invoices) {
    const customer = customers.get(invoice.customerId);
    if (customer === undefined || invoice.status !== 'open') continue;
    if (money(invoice.amountRemaining, invoice.currency).isZero()) continue;
    const subscription = invoice.subscriptionId === undefined ? undefined : subscriptions.get(invoice.subscriptionId);
    if (collectionMethodOf(customer, subscription) !== 'charge_automatically') continue;
    if (!methods.has(customer.id)) methods.set(customer.id, await defaultPaymentMethod(session, ctx, customer.id));
    const method = methods.get(customer.id);
    if (method === undefined) continue;
    const attempt: PaymentAttempt = {
      id: ctx.ids('att'),
      customerId: invoice.customerId,
      invoiceId: invoice.id,
      gateway: method.gateway,
      attemptNumber: 1,
      trigger: 'automatic',
      status: 'scheduled',
      amount: invoice.amountRemaining,
      currency: invoice.currency,
      idempotencyKey: attemptIdempotencyKey(invoice.id, 1),
      paymentMethodId: method.id,
      dueAt: now,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await session.paymentAttempts.insert(attempt);
    scheduled.push(attempt);
  }
  return scheduled;
}
