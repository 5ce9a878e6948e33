import {
  BillingError,
  BillingErrorCode,
  type CustomerSnapshot,
  type Invoice,
  type Payment,
  type PaymentMethod,
} from '@billfold/core';
import { currencyAmount, sumAmounts } from '../model/amounts';
import { cleanLine } from '../model/clean-text';
import type { DocumentParty } from '../model/document-model';
import { buyerParty, sellerParty } from '../model/parties';
import type { ResolvedReceiptOptions } from './receipt-options';

/** One invoice a payment settled (part of), as a receipt lists it. @internal */
export interface ReceiptAllocation {
  readonly invoiceNumber: string;
  readonly invoiceIssuedAt: string;
  readonly invoiceTotal: string;
  /** What this payment paid of it. */
  readonly applied: string;
}

/** A payment confirmation reduced to what every format prints. @internal */
export interface ReceiptModel {
  /** The payment's id: receipts are not numbered apart from the payments they confirm. */
  readonly number: string;
  readonly currency: string;
  readonly receivedAt: string;
  readonly method: PaymentMethod;
  readonly reference?: string;
  readonly amount: string;
  readonly seller: DocumentParty;
  readonly buyer: DocumentParty;
  readonly allocations: readonly ReceiptAllocation[];
  readonly applied: string;
  /** What no invoice needed: credit on the customer's balance. */
  readonly unapplied: string;
  readonly refunded: string;
  readonly timeZone: string;
  readonly options: ResolvedReceiptOptions;
}

const invalid = (message: string, path: readonly (string | number)[]) =>
  new BillingError(BillingErrorCode.invalidInput, message, { path });

/**
 * The receipt of a succeeded (or later refunded) payment: its allocations matched to `invoices` (which must hold
 * every invoice the payment was allocated to, of the same customer and currency), the buyer from
 * `options.customer` or else the newest invoice's customer snapshot.
 * @throws BillingError `invalid_state` for a pending or failed payment; `invalid_input` for invoices that do not
 *   fit the payment, or no way to name the customer.
 * @internal
 */
export function receiptModel(
  payment: Payment,
  invoices: readonly Invoice[],
  options: ResolvedReceiptOptions,
): ReceiptModel {
  if (payment.status === 'pending' || payment.status === 'failed') {
    throw new BillingError(
      BillingErrorCode.invalidState,
      `A receipt confirms money received; payment ${payment.id} is ${payment.status}`,
      { path: ['payment', 'status'] },
    );
  }
  invoices.forEach((invoice, index) => {
    if (invoice.customerId !== payment.customerId) {
      throw invalid(`Invoice ${invoice.id} belongs to another customer than the payment`, [
        'invoices',
        index,
        'customerId',
      ]);
    }
    if (invoice.currency !== payment.currency) {
      throw invalid(`Invoice ${invoice.id} is in ${invoice.currency}, the payment in ${payment.currency}`, [
        'invoices',
        index,
        'currency',
      ]);
    }
  });
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const c = payment.currency;
  const allocations = payment.allocations.map((allocation, index) => {
    const invoice = byId.get(allocation.invoiceId);
    if (invoice === undefined || invoice.number === undefined) {
      throw invalid(`Pass the invoice ${allocation.invoiceId} the payment was allocated to`, [
        'payment',
        'allocations',
        index,
        'invoiceId',
      ]);
    }
    return {
      invoiceNumber: cleanLine(invoice.number),
      invoiceIssuedAt: invoice.issuedAt ?? invoice.createdAt,
      invoiceTotal: currencyAmount(invoice.total, c),
      applied: currencyAmount(allocation.amount, c),
    };
  });
  const snapshot: CustomerSnapshot | undefined =
    options.customer ?? [...invoices].reverse().find((invoice) => invoice.customerSnapshot)?.customerSnapshot;
  if (snapshot === undefined) {
    throw invalid('Name the customer: pass options.customer, or the invoices the payment paid', [
      'options',
      'customer',
    ]);
  }
  return {
    number: payment.id,
    currency: c,
    receivedAt: payment.receivedAt,
    method: payment.method,
    ...(payment.reference !== undefined ? { reference: cleanLine(payment.reference) } : {}),
    amount: currencyAmount(payment.amount, c),
    seller: sellerParty(options.seller),
    buyer: buyerParty(snapshot),
    allocations,
    applied: sumAmounts(
      allocations.map((allocation) => allocation.applied),
      c,
    ),
    unapplied: currencyAmount(payment.unapplied, c),
    refunded: currencyAmount(payment.amountRefunded, c),
    timeZone: options.timeZone ?? snapshot.timeZone ?? 'UTC',
    options,
  };
}
