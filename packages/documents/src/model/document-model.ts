import type { Address, InvoiceStatus, TaxCategoryCode, TaxExemption, TaxId, TaxType } from '@billfold/core';
import type { ResolvedRenderOptions } from '../render-options';

/** A party on a document, its text already cleaned. @internal */
export interface DocumentParty {
  readonly name: string;
  readonly legalName?: string;
  readonly address?: Address;
  readonly vatId?: string;
  /** Registrations other than the VAT id. */
  readonly taxIds: readonly TaxId[];
  readonly companyId?: string;
  readonly email?: string;
  readonly phone?: string;
}

/** One tax rate as it applies on a line. @internal */
export interface DocumentRate {
  readonly id: string;
  readonly name: string;
  readonly percentage: string;
  readonly inclusive: boolean;
  readonly compound: boolean;
  readonly taxType: TaxType;
  readonly category?: TaxCategoryCode;
  readonly exemption?: TaxExemption;
}

/** One tier of a graduated line: units above `from` up to `upTo` (open when absent). @internal */
export interface DocumentTier {
  readonly from: string;
  readonly upTo?: string;
  readonly quantity: string;
  readonly unitAmount: string;
  readonly flatAmount?: string;
  /** `quantity × unitAmount + flatAmount`, exact (not rounded to the currency). */
  readonly amount: string;
}

/** One line of a document; amounts are decimal strings in the document's currency. @internal */
export interface DocumentLine {
  /** 1-based position. */
  readonly position: number;
  readonly description: string;
  readonly billingCode?: string;
  readonly quantity?: string;
  readonly unitAmount?: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  /** How a graduated price came to the amount: each tier's quantity × unit price (usage lines). */
  readonly tiers?: readonly DocumentTier[];
  /** The line's amount as invoiced, before its discount (gross for tax-inclusive prices). */
  readonly amount: string;
  readonly discountAmount: string;
  /** Net amount: after discount, without tax (EN 16931 BT-131). */
  readonly netAmount: string;
  readonly taxAmount: string;
  readonly rates: readonly DocumentRate[];
  /** The line's VAT rate: the sum of its rates' percentages for `S`, `L`, `M` (and sales tax); "0" otherwise. */
  readonly percent: string;
  /**
   * The EN 16931 VAT category; absent when the line has none (a sales tax, or rates of two categories), which
   * the UBL format refuses.
   */
  readonly category?: TaxCategoryCode;
  /** Why the line carries no VAT (categories `E`, `AE`, `K`, `G`, `O`). */
  readonly exemption?: TaxExemption;
}

/** Tax per rate over the document, as shown to people. @internal */
export interface DocumentTax {
  readonly rate: DocumentRate;
  readonly taxableAmount: string;
  readonly amount: string;
}

/** Tax per EN 16931 category and rate (UBL TaxSubtotal). @internal */
export interface VatBreakdown {
  readonly category: TaxCategoryCode;
  readonly percent: string;
  readonly exemption?: TaxExemption;
  /** The position of the first line in the row: where a problem with the row is reported. */
  readonly firstLine: number;
  readonly taxableAmount: string;
  readonly taxAmount: string;
}

/** The money summary of a document. @internal */
export interface DocumentTotals {
  /** Sum of line amounts before discounts. */
  readonly subtotal: string;
  readonly discountTotal: string;
  /** Sum of line net amounts. */
  readonly netTotal: string;
  readonly taxTotal: string;
  readonly roundingAmount: string;
  readonly total: string;
  /** Credit from the balance used; negative when the total is negative and goes to the balance instead. */
  readonly creditApplied: string;
  readonly amountDue: string;
  /** Payments settled against the invoice so far. */
  readonly amountPaid: string;
  /** Taken off by credit notes so far. */
  readonly amountCredited: string;
  /** What is still owed: amount due − paid − credited. */
  readonly amountRemaining: string;
}

/** What a credit note corrects and where its money went. @internal */
export interface DocumentCorrection {
  readonly invoiceNumber: string;
  readonly invoiceIssuedAt: string;
  readonly reason: 'duplicate' | 'fraudulent' | 'order_change' | 'product_unsatisfactory' | 'other';
  readonly appliedToInvoice: string;
  readonly creditedToBalance: string;
}

/**
 * An invoice or credit note reduced to what every format prints: cleaned text, tax categories per line,
 * tax rows and totals. Built once per render; the formats only lay it out.
 * @internal
 */
export interface DocumentModel {
  readonly kind: 'invoice' | 'credit_note';
  readonly number: string;
  /**
   * The invoice's ISO 11649 creditor reference (`RF98INV2026000123`, from its number) that bank reconciliation
   * recognises; absent on credit notes and for numbers of more than 21 letters and digits.
   */
  readonly creditorReference?: string;
  /** What a payer quotes: the creditor reference in print form (`RF98 INV2 0260 0012 3`), else the number. */
  readonly paymentReference: string;
  readonly currency: string;
  readonly issuedAt: string;
  readonly dueAt?: string;
  /** The invoice's status when rendered (a credit note carries its invoice's). */
  readonly status: InvoiceStatus;
  readonly paidAt?: string;
  /** Dates are printed in this zone: the caller's, else the customer's on the invoice, else UTC. */
  readonly timeZone: string;
  readonly periodStart?: string;
  readonly periodEnd?: string;
  readonly customerId: string;
  readonly seller: DocumentParty;
  readonly buyer: DocumentParty;
  readonly taxStatus: 'taxable' | 'exempt' | 'reverse_charge';
  readonly lines: readonly DocumentLine[];
  readonly taxes: readonly DocumentTax[];
  readonly vatBreakdown: readonly VatBreakdown[];
  readonly totals: DocumentTotals;
  /** Notes printed on the document, besides the reverse-charge note. */
  readonly notes: readonly string[];
  readonly correction?: DocumentCorrection;
  readonly options: ResolvedRenderOptions;
}
