import { AddressSchema, displayText, TaxIdSchema } from '@billfold/core';
import { z } from 'zod';

/** The seller's bank account for credit transfers: IBAN (or a local account number) and BIC. */
export const BankAccountSchema = z.strictObject({
  /** IBAN or local account number, printed as given (spaces allowed). */
  iban: z.string().min(5).max(40),
  /** BIC / SWIFT code of the bank. */
  bic: z
    .string()
    .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'a BIC such as "COBADEFFXXX"')
    .optional(),
  /** Account holder, when it differs from the seller's name. */
  accountName: z.string().min(1).max(200).optional(),
});

/** The seller's bank account, see {@link BankAccountSchema}. */
export type BankAccount = z.infer<typeof BankAccountSchema>;

/**
 * Who issues the documents: the seller's name, address, tax registrations and how to pay them.
 * Logo-free on purpose: documents stay self-contained and small.
 *
 * @example
 * ```ts
 * const seller: SellerProfile = {
 *   name: 'Acme GmbH', address: { line1: 'Hauptstr. 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
 *   vatId: 'DE123456789', email: 'billing@acme.example', bankAccount: { iban: 'DE89370400440532013000' },
 * };
 * ```
 */
export const SellerProfileSchema = z.strictObject({
  /** Trading name, printed on every document. */
  name: displayText(200),
  /** Registered legal name, when it differs from `name`. */
  legalName: displayText(200).optional(),
  address: AddressSchema,
  /** VAT identification number with its country prefix (`DE123456789`). */
  vatId: z.string().min(4).max(40).optional(),
  /**
   * Tax registrations besides the VAT id, printed on the documents: a German Steuernummer, a Japanese
   * qualified-invoice number, a GST number. In UBL the first one that is not a VAT id is the seller's tax
   * registration (EN 16931 BT-32). The company register number belongs in `companyId`.
   */
  taxIds: z.array(TaxIdSchema).max(10).default([]),
  /** Legal registration number of the company (EN 16931 BT-30). */
  companyId: z.string().min(1).max(60).optional(),
  email: z.email().max(254).optional(),
  phone: z.string().min(3).max(40).optional(),
  bankAccount: BankAccountSchema.optional(),
  /** Free-text payment instructions (another payment method, a payment link, …). */
  paymentInstructions: z.string().min(1).max(1000).optional(),
  /** Payment terms printed next to the due date (`Net 14 days`). */
  paymentTerms: z.string().min(1).max(500).optional(),
});

/** The seller's profile as given (before defaults), see {@link SellerProfileSchema}. */
export type SellerProfile = z.input<typeof SellerProfileSchema>;
