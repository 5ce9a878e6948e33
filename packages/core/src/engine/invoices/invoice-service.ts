import { z } from 'zod';
import { IdSchema, InstantInputSchema, type Page, PageRequestSchema } from '../../domain/common';
import { type Invoice, type InvoiceStatus, InvoiceStatusSchema } from '../../domain/invoice';
import { BillingError, BillingErrorCode } from '../../errors/billing-error';
import { validate } from '../../errors/validate';
import { billingTelemetry } from '../../telemetry/billing-telemetry';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { createOneOffInvoice, type OneOffInvoiceInput } from './create-one-off';
import { finalizeInvoice, markInvoiceUncollectible, voidInvoice } from './invoice-transitions';

/** Which invoices to list. */
export const InvoiceFilterSchema = PageRequestSchema.extend({
  customerId: IdSchema.optional(),
  subscriptionId: IdSchema.optional(),
  status: InvoiceStatusSchema.optional(),
  /** Only invoices due before this instant. */
  dueBefore: InstantInputSchema.optional(),
}).strict();

/** A document number as a lookup takes it: 1–100 characters. */
const DocumentNumberSchema = z.string().min(1).max(100);

/** Which invoices to list; see {@link InvoiceFilterSchema}. */
export type InvoiceFilter = z.input<typeof InvoiceFilterSchema> & { readonly status?: InvoiceStatus };

/** Invoices: one-off invoices and the life of every invoice (draft → open → paid | void | uncollectible). */
export interface InvoiceService {
  /** Creates a one-off invoice (a draft, or finalized with `autoFinalize`); see `createOneOffInvoice`. */
  createOneOff(input: OneOffInvoiceInput): Promise<Invoice>;
  /** Finalizes a draft; see `finalizeInvoice`. */
  finalize(invoiceId: string): Promise<Invoice>;
  /** Voids an open invoice with nothing paid or credited; see `voidInvoice`. */
  void(invoiceId: string): Promise<Invoice>;
  /** Writes off an open invoice; see `markInvoiceUncollectible`. */
  markUncollectible(invoiceId: string): Promise<Invoice>;
  /** @throws BillingError `not_found`. */
  get(invoiceId: string): Promise<Invoice>;
  /**
   * The invoice with this number (`INV-2026-000123`).
   * @throws BillingError `not_found` at `["number"]`.
   */
  getByNumber(number: string): Promise<Invoice>;
  /** Invoices in id (creation) order. */
  list(filter?: InvoiceFilter): Promise<Page<Invoice>>;
}

/** Creates the invoice service over an engine context. */
export function createInvoiceService(ctx: EngineContext): InvoiceService {
  const telemetry = ctx.telemetry ?? billingTelemetry;
  const one = { items: () => 1 };
  return {
    createOneOff: (input) => telemetry.measure('invoicing', 'one_off', () => createOneOffInvoice(ctx, input), one),
    finalize: (invoiceId) => telemetry.measure('invoicing', 'finalize', () => finalizeInvoice(ctx, invoiceId), one),
    void: (invoiceId) => telemetry.measure('invoicing', 'void', () => voidInvoice(ctx, invoiceId), one),
    markUncollectible: (invoiceId) =>
      telemetry.measure('invoicing', 'uncollectible', () => markInvoiceUncollectible(ctx, invoiceId), one),
    async get(invoiceId) {
      validate(IdSchema, invoiceId, 'invoiceId');
      return requireRecord(ctx.storage.invoices, invoiceId, 'invoice', ['invoiceId']);
    },
    async getByNumber(number) {
      validate(DocumentNumberSchema, number, 'number');
      const invoice = await ctx.storage.invoices.getByNumber(number);
      if (invoice === undefined) {
        throw new BillingError(BillingErrorCode.notFound, `No invoice has the number "${number}"`, {
          path: ['number'],
        });
      }
      return invoice;
    },
    list: async (filter) => ctx.storage.invoices.list(validate(InvoiceFilterSchema, filter ?? {}, 'filter')),
  };
}
