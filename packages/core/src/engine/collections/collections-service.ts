import type { z } from 'zod';
import type { CollectionFee } from '../../domain/collection-fee';
import { IdSchema, type Page, PageRequestSchema } from '../../domain/common';
import { validate } from '../../errors/validate';
import type { EngineContext } from '../context';
import { requireRecord } from '../require-record';
import { type CollectionsRunOptions, type CollectionsRunSummary, runCollections } from './run-collections';
import { type ServiceAccess, type ServiceAccessOptions, serviceAccess } from './service-access';
import { type WaiveFeeInput, waiveFee } from './waive-fee';

/** Which past-due fees to list. */
export const CollectionFeeFilterSchema = PageRequestSchema.extend({
  customerId: IdSchema.optional(),
  invoiceId: IdSchema.optional(),
}).strict();

/** Which past-due fees to list; see {@link CollectionFeeFilterSchema}. */
export type CollectionFeeFilter = z.input<typeof CollectionFeeFilterSchema>;

/** Collections: reminders, overdue flags, past-due fees and dunning, and the service access that follows. */
export interface CollectionsService {
  /** Collects every open invoice due for it; see `runCollections`. */
  run(options?: CollectionsRunOptions): Promise<CollectionsRunSummary>;
  /** Whether to serve a customer; see `serviceAccess`. */
  access(customerId: string, options?: ServiceAccessOptions): Promise<ServiceAccess>;
  /** Waives a past-due fee; see `waiveFee`. */
  waiveFee(input: WaiveFeeInput): Promise<CollectionFee>;
  /** @throws BillingError `not_found`. */
  getFee(feeId: string): Promise<CollectionFee>;
  /** Past-due fees in id (charging) order. */
  listFees(filter?: CollectionFeeFilter): Promise<Page<CollectionFee>>;
}

/** Creates the collections service over an engine context. */
export function createCollectionsService(ctx: EngineContext): CollectionsService {
  return {
    run: (options) => runCollections(ctx, options),
    access: (customerId, options) => serviceAccess(ctx, customerId, options),
    waiveFee: (input) => waiveFee(ctx, input),
    async getFee(feeId) {
      validate(IdSchema, feeId, 'feeId');
      return requireRecord(ctx.storage.collectionFees, feeId, 'fee', ['feeId']);
    },
    listFees: async (filter) =>
      ctx.storage.collectionFees.list(validate(CollectionFeeFilterSchema, filter ?? {}, 'filter')),
  };
}
