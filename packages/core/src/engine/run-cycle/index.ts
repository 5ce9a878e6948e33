/**
 * The billing run: bills every due subscription boundary by boundary, in batches of claimed subscriptions,
 * idempotently and resumably.
 * @module
 */
export { runCycle, RunCycleOptionsSchema } from './run-cycle';
export type { RunCycleOptions, RunCycleProgress, RunCycleSummary } from './run-cycle';
export { billSubscriptions } from './bill-subscriptions';
export type { BillOptions, BilledBatch } from './bill-subscriptions';
export { planBoundary } from './plan-boundary';
export type { BoundaryPlan } from './plan-boundary';
export { loadCatalog, loadCatalogFor } from './catalog';
export type { Catalog, CatalogNeeds } from './catalog';
export type { BillingStep, RunError } from './run-error';
