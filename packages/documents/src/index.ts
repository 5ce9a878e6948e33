/**
 * `@billfold/documents`: invoices and credit notes as a printable HTML page, a PDF, a CSV for accountants and a
 * UBL 2.1 e-invoice (EN 16931). Pure TypeScript for Node and browsers: no server, no headless browser.
 * @module
 */
export { renderCreditNote, renderInvoice } from './render-invoice';
export type { RenderedDocument } from './document-output';
export { renderReceipt } from './render-receipt';
export { ReceiptFormatSchema, ReceiptOptionsSchema } from './receipt/receipt-options';
export type { ReceiptFormat, ReceiptOptions } from './receipt/receipt-options';
export { RECEIPT_CSV_COLUMNS } from './receipt/receipt-csv';
export { renderStatement } from './render-statement';
export { StatementFormatSchema, StatementOptionsSchema } from './statement/statement-options';
export type { StatementFormat, StatementOptions } from './statement/statement-options';
export { englishStatementMessages, germanStatementMessages, statementCatalogs } from './statement/statement-messages';
export type { StatementMessages } from './statement/statement-messages';
export { STATEMENT_CSV_COLUMNS } from './statement/statement-csv';
export {
  CustomFieldSchema,
  DocumentFormatSchema,
  PaperSizeSchema,
  PdfFontsSchema,
  RenderOptionsSchema,
} from './render-options';
export type { DocumentFormat, PaperSize, PdfFonts, RenderOptions } from './render-options';
export { BankAccountSchema, SellerProfileSchema } from './seller-profile';
export type { BankAccount, SellerProfile } from './seller-profile';
export { invoicesToCsv, INVOICE_LIST_CSV_COLUMNS } from './csv/invoices-to-csv';
export {
  AGING_CSV_COLUMNS,
  agingReportToCsv,
  COLLECTIONS_CSV_COLUMNS,
  collectionsEffectivenessToCsv,
  PAYMENT_CONFIRMATION_CSV_COLUMNS,
  paymentConfirmationToCsv,
} from './reports/reports-to-csv';
export {
  MRR_CSV_COLUMNS,
  mrrReportToCsv,
  ONBOARDING_CSV_COLUMNS,
  onboardingReportToCsv,
  REVENUE_CSV_COLUMNS,
  revenueReportToCsv,
  UNRECONCILED_CASH_CSV_COLUMNS,
  unreconciledCashToCsv,
} from './reports/business-reports-to-csv';
export { FAILED_PAYMENTS_CSV_COLUMNS, failedPaymentsToCsv } from './reports/failed-payments-to-csv';
export { DOCUMENT_CSV_COLUMNS } from './csv/document-csv';
export { EN16931_CUSTOMIZATION_ID } from './ubl/ubl-document';
export { documentCatalogs, messagesFor } from './messages/document-messages';
export type { DocumentMessages } from './messages/document-messages';
export { en as englishMessages } from './messages/en';
export { de as germanMessages } from './messages/de';
export { escapeHtml } from './html/escape-html';
export type { TaxCategoryCode } from '@billfold/core';
