import type { CustomerSnapshot, Invoice, NotificationType, Payment } from '@billfold/core';
import {
  type PdfFonts,
  type ReceiptOptions,
  renderCreditNote,
  renderInvoice,
  renderStatement,
  type SellerProfile,
} from '@billfold/documents';
import type { NotificationRecords } from './notification-records';

/** A document attached to an email. */
export interface EmailAttachment {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: Uint8Array | string;
}

/**
 * Renders a payment confirmation: the shape of `renderReceipt` in `@billfold/documents`
 * (`renderReceipt(payment, invoices, options)`), which payment emails attach unless another is given.
 */
export type ReceiptRenderer = (
  payment: Payment,
  invoices: readonly Invoice[],
  options: ReceiptOptions & { readonly format: 'pdf' },
) => Promise<{ readonly body: Uint8Array | string; readonly mimeType: string; readonly fileName: string }>;

/** What the documents need: the seller, how PDFs are set, and what renders receipts. @internal */
export interface AttachmentSettings {
  readonly seller: SellerProfile;
  readonly paperSize?: 'A4' | 'Letter';
  readonly fonts?: PdfFonts;
  readonly renderReceipt: ReceiptRenderer;
}

function snapshotOf(records: NotificationRecords): CustomerSnapshot {
  const { name, email, address, taxIds, taxStatus, locale } = records.customer;
  return { name, email, ...(address !== undefined ? { address } : {}), taxIds, taxStatus, locale };
}

/** How one kind's documents are made, given its records and the render options every document shares. */
type Attach = {
  readonly [T in NotificationType]: (
    records: NotificationRecords<T>,
    options: DocumentOptions,
    settings: AttachmentSettings,
  ) => Promise<EmailAttachment[]>;
};

interface DocumentOptions {
  readonly format: 'pdf';
  readonly seller: SellerProfile;
  readonly locale: string;
  readonly timeZone: string;
  readonly paperSize?: 'A4' | 'Letter';
  readonly fonts?: PdfFonts;
}

const attached = (document: { body: Uint8Array | string; mimeType: string; fileName: string }): EmailAttachment => ({
  fileName: document.fileName,
  mimeType: document.mimeType,
  content: document.body,
});

const invoicePdf = async (records: { invoice: Invoice }, options: DocumentOptions) => [
  attached(await renderInvoice(records.invoice, options)),
];

const receipt = async (
  records: NotificationRecords<'payment.received' | 'payment.refunded'>,
  options: DocumentOptions,
  settings: AttachmentSettings,
) => {
  const customer = snapshotOf(records);
  return [attached(await settings.renderReceipt(records.payment, records.invoices, { ...options, customer }))];
};

const none = async (): Promise<EmailAttachment[]> => [];

const ATTACH: Attach = {
  'invoice.finalized': invoicePdf,
  'invoice.paid': invoicePdf,
  'invoice.reminder': invoicePdf,
  'invoice.overdue': invoicePdf,
  'invoice.fee_charged': async (records, options) =>
    records.feeInvoice === undefined ? [] : [attached(await renderInvoice(records.feeInvoice, options))],
  'payment.received': receipt,
  'payment.failed': none,
  'payment.refunded': receipt,
  'credit_note.issued': async (records, options) => [
    attached(await renderCreditNote(records.creditNote, records.invoice, options)),
  ],
  'subscription.past_due': none,
  'subscription.suspended': none,
  'subscription.resumed': none,
  'statement.issued': async (records, options) => [attached(await renderStatement(records.statement, options))],
};

/**
 * The documents an email carries, as PDFs in the email's language and the customer's time zone: the invoice on
 * invoice emails, the fee invoice on a fee email, the receipt on payment and refund emails, the credit note, the
 * statement. Payment failures and subscription changes carry none.
 * @internal
 */
export async function attachmentsFor(
  type: NotificationType,
  records: NotificationRecords,
  locale: string,
  settings: AttachmentSettings,
): Promise<EmailAttachment[]> {
  const options: DocumentOptions = {
    format: 'pdf',
    seller: settings.seller,
    locale,
    timeZone: records.customer.timeZone,
    ...(settings.paperSize !== undefined ? { paperSize: settings.paperSize } : {}),
    ...(settings.fonts !== undefined ? { fonts: settings.fonts } : {}),
  };
  const attach = ATTACH[type] as (
    records: NotificationRecords,
    options: DocumentOptions,
    settings: AttachmentSettings,
  ) => Promise<EmailAttachment[]>;
  return attach(records, options, settings);
}
