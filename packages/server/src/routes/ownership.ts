import {
  BillingError,
  BillingErrorCode,
  type CreditNote,
  type Invoice,
  isBillingError,
  type Payment,
  type Subscription,
} from '@billfold/core';
import type { PortalContext } from '../portal-context';

/**
 * The same 404 for an object that does not exist and for another customer's: a session learns nothing about
 * objects that are not its customer's, not even that they exist.
 */
function notYours(kind: string, path: string): BillingError {
  return new BillingError(BillingErrorCode.notFound, `No such ${kind}`, { path: [path] });
}

async function owned<T extends { customerId: string }>(
  read: () => Promise<T>,
  customerId: string,
  kind: string,
  path: string,
  visible: (record: T) => boolean = () => true,
): Promise<T> {
  let record: T;
  try {
    record = await read();
  } catch (error) {
    if (isBillingError(error) && (error.code === 'not_found' || error.code === 'invalid_input'))
      throw notYours(kind, path);
    throw error;
  }
  if (record.customerId !== customerId || !visible(record)) throw notYours(kind, path);
  return record;
}

/** The customer's finalized invoice with this id (drafts are never shown), else `not_found`. */
export function ownInvoice(portal: PortalContext, customerId: string, invoiceId: string): Promise<Invoice> {
  return owned(
    () => portal.billing.invoices.get(invoiceId),
    customerId,
    'invoice',
    'invoiceId',
    (i) => i.status !== 'draft',
  );
}

/** The customer's credit note with this id, else `not_found`. */
export function ownCreditNote(portal: PortalContext, customerId: string, creditNoteId: string): Promise<CreditNote> {
  return owned(() => portal.billing.creditNotes.get(creditNoteId), customerId, 'credit note', 'creditNoteId');
}

/** The customer's subscription with this id, else `not_found`. */
export function ownSubscription(
  portal: PortalContext,
  customerId: string,
  subscriptionId: string,
): Promise<Subscription> {
  return owned(() => portal.billing.subscriptions.get(subscriptionId), customerId, 'subscription', 'subscriptionId');
}

/** The customer's payment with this id, else `not_found`. */
export function ownPayment(portal: PortalContext, customerId: string, paymentId: string): Promise<Payment> {
  return owned(() => portal.billing.payments.get(paymentId), customerId, 'payment', 'paymentId');
}
