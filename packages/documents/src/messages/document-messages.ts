import { en } from './en';
import { de } from './de';

/**
 * The words on a document, one catalog per language. Add a language by writing a catalog of this shape
 * (see `en.ts`) and passing it as the `messages` option, or by adding it to {@link documentCatalogs}.
 */
export interface DocumentMessages {
  readonly invoice: string;
  readonly creditNote: string;
  readonly invoiceNumber: string;
  readonly creditNoteNumber: string;
  readonly issueDate: string;
  readonly creditNoteDate: string;
  readonly dueDate: string;
  readonly servicePeriod: string;
  readonly seller: string;
  readonly buyer: string;
  readonly vatId: string;
  /** The seller's company registration number. */
  readonly companyId: string;
  readonly email: string;
  readonly phone: string;
  readonly lineItems: string;
  readonly position: string;
  readonly description: string;
  readonly quantity: string;
  readonly unitPrice: string;
  readonly taxRate: string;
  readonly amount: string;
  readonly discount: string;
  readonly subtotal: string;
  readonly netTotal: string;
  readonly rounding: string;
  readonly total: string;
  readonly creditApplied: string;
  readonly amountDue: string;
  readonly totalCredited: string;
  readonly appliedToInvoice: string;
  readonly creditedToBalance: string;
  readonly payment: string;
  readonly bankAccount: string;
  readonly iban: string;
  readonly bic: string;
  readonly accountHolder: string;
  readonly paymentReference: string;
  readonly notes: string;
  readonly reverseChargeNote: string;
  readonly exemptNote: string;
  readonly reasons: Readonly<
    Record<'duplicate' | 'fraudulent' | 'order_change' | 'product_unsatisfactory' | 'other', string>
  >;
  readonly reason: string;
  /** `"VAT 19 % of €100.00"`: a tax rate's row in the totals. */
  readonly taxOn: (name: string, percent: string, base: string) => string;
  /** `"Please pay €250.33 by 14 February 2026."` */
  readonly payBy: (amount: string, date: string) => string;
  /** `"Please pay €250.33."` when there is no due date. */
  readonly pay: (amount: string) => string;
  /** The status row of a paid or void invoice's header. */
  readonly status: string;
  /** `"Paid"`: the status of an invoice nothing remains on. */
  readonly paid: string;
  /** `"Void"`. */
  readonly void: string;
  /** Summary rows once something is paid or credited: payments, credit notes, what is left. */
  readonly amountPaid: string;
  readonly amountCredited: string;
  readonly amountRemaining: string;
  /** `"Paid in full on 12 February 2026. Thank you."` */
  readonly paidInFullOn: (date: string) => string;
  /** `"Paid in full. Thank you."` when the payment date is not known. */
  readonly paidInFull: string;
  /** `"No payment is due: €28.42 has been credited to your account balance."` (a negative total). */
  readonly creditedToBalanceNote: (amount: string) => string;
  /** `"This invoice is void: nothing is owed."` */
  readonly voidNote: string;
  /** Receipts (payment confirmations). */
  readonly receipt: string;
  readonly receiptNumber: string;
  readonly paymentDate: string;
  readonly paymentMethod: string;
  readonly methods: Readonly<Record<'cash' | 'cheque' | 'bank_transfer' | 'card_external' | 'gateway', string>>;
  readonly amountReceived: string;
  readonly appliedToInvoices: string;
  readonly refunded: string;
  readonly invoiceTotal: string;
  /** Column of what the payment paid of each invoice. */
  readonly applied: string;
  /** `"We received €119.00 on 12 February 2026. Thank you."` */
  readonly received: (amount: string, date: string) => string;
  /** `"Corrects invoice INV-1 of 9 January 2026."` */
  readonly corrects: (invoiceNumber: string, date: string) => string;
  /** `"Page 2 of 3"` */
  readonly pageOf: (page: number, pages: number) => string;
  /**
   * The units a tier of a graduated price covers, from after `from` (absent: the first tier) up to `upTo` (absent:
   * the last): `"up to 10"`, `"above 10 up to 100"`, `"above 100"`. Left out, English is used.
   */
  readonly tierRange?: (from: string | undefined, upTo: string | undefined) => string;
}

/** The built-in catalogs by language subtag (`en`, `de`). */
export const documentCatalogs: Readonly<Record<string, DocumentMessages>> = { en, de };

/** The built-in catalog of `locale`'s language (`de-AT` → `de`), if there is one. */
export function catalogFor(locale: string): DocumentMessages | undefined {
  return documentCatalogs[locale.split('-')[0]?.toLowerCase() ?? ''];
}

/** The catalog for `locale`: its language subtag's catalog (`de-AT` → `de`), else English. */
export function messagesFor(locale: string): DocumentMessages {
  return catalogFor(locale) ?? en;
}
