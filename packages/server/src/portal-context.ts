import type { Billing, Clock } from '@billfold/core';
import type { RenderOptions } from '@billfold/documents';
import type { PortalAuth } from './auth/portal-auth';
import type { AuditSink } from './observability/audit';
import type { PortalLogger } from './observability/logger';
import type { PortalPaymentFlows } from './payments/portal-payment-flows';
import type { QuoteSigner } from './routes/plan-quote';

/** Document options the portal renders with: everything but the format, locale and time zone (the customer's). */
export type PortalDocumentOptions = Omit<RenderOptions, 'format' | 'locale' | 'timeZone'>;

/** Which plan changes customers may make themselves. */
export interface PortalPlanRules {
  /** The catalog prices a subscription may change to (besides the ones already on it). */
  readonly priceIds: readonly string[];
  /** How a change is prorated (default `next_invoice`). */
  readonly prorate: 'next_invoice' | 'immediate' | 'none';
  /** The largest quantity a customer may choose for a price (default 100). */
  readonly maxQuantity: number;
}

/** Which cancellations customers may make themselves. */
export interface PortalCancellationRules {
  /** Whether a customer may end a subscription now rather than at the end of the period (default false). */
  readonly allowImmediate: boolean;
  /** Whether ending now credits the unused, paid rest of the period to the balance (default true). */
  readonly prorateImmediate: boolean;
}

/** Whether customers may pause a subscription themselves, and how it is billed while paused. */
export interface PortalPauseRules {
  /** How a pause is billed (see core's `subscriptions.pause`): `keep_schedule` or `restart`. */
  readonly behavior: 'keep_schedule' | 'restart';
  /** The longest pause in days: a pause resumes by itself after this at the latest (default: open-ended). */
  readonly maxDays?: number;
}

/** What every route handler runs on. */
export interface PortalContext {
  readonly billing: Billing;
  readonly auth: PortalAuth;
  readonly clock: Clock;
  readonly documents: PortalDocumentOptions;
  readonly plans: PortalPlanRules;
  readonly cancellation: PortalCancellationRules;
  /** Pausing as the host offers it; without it customers cannot pause. */
  readonly pause?: PortalPauseRules;
  readonly audit: AuditSink;
  readonly logger: PortalLogger;
  readonly quotes: QuoteSigner;
  readonly payments?: PortalPaymentFlows;
  /** The host's check that a tax id is registered (VIES, HMRC); the format is checked before. */
  readonly verifyTaxId?: (taxId: { readonly type: string; readonly value: string }) => Promise<boolean>;
  /** Told the reason and comment of each cancellation made in the portal (a survey, a CRM). */
  readonly cancellationFeedback?: (feedback: {
    readonly customerId: string;
    readonly subscriptionId: string;
    readonly reason: string;
    readonly comment?: string;
  }) => void | Promise<void>;
  /** The host's readiness check, besides storage answering. */
  readonly ready?: () => Promise<boolean>;
  /** The OpenAPI document, built once. */
  readonly openapi: () => Record<string, unknown>;
}
