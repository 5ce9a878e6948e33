/**
 * The names Billfold reports under through OpenTelemetry: one family of three instruments per area of billing,
 * the attributes they carry, and the spans. The single place these names are defined; `docs/metrics.md` shows
 * them as Prometheus sees them.
 *
 * | instrument                 | kind      | unit      | attributes                                  |
 * | -------------------------- | --------- | --------- | ------------------------------------------- |
 * | `billfold.<area>.items`    | counter   | `{item}`  | `billfold.step` (+ the area's own)          |
 * | `billfold.<area>.errors`   | counter   | `{error}` | `billfold.step`, `error.type` (the code)    |
 * | `billfold.<area>.duration` | histogram | `s`       | `billfold.step` (+ the area's own)          |
 *
 * Spans are named `billfold.<area>.<step>` (`billfold.run.batch`, `billfold.gateway.createPayment`).
 * @module
 */

/**
 * The areas of billing that report, each with the steps it records under `billfold.step` and what one item is.
 * Adding an area is one line here; its instruments are made on first use.
 */
export const TelemetryArea = {
  /** The billing run: `catalog` (read once), `batch` (one transaction of claimed subscriptions), `deferred` (the
   * subscriptions billed one by one at the end), `run` (the whole run). Item: a subscription billed. Errors are
   * counted at the step of the subscription's `RunError` (`customer`, `plan`, `draft`, `write`). */
  run: 'run',
  /** Usage rating in a run: step `usage`. Item: a usage line rated onto an invoice. */
  rating: 'rating',
  /** Invoices: `finalize` (numbers, snapshots, credit applied), `one_off`, `void`, `uncollectible`. Item: an invoice
   * finalized, created, voided or marked uncollectible. */
  invoicing: 'invoicing',
  /** Document rendering: steps `invoice`, `credit_note`, `receipt`, `statement`, with `billfold.document.format`.
   * Item: a document rendered. */
  documents: 'documents',
  /** Payments recorded by hand: steps `record` and `refund`. Item: a payment or refund recorded. */
  payments: 'payments',
  /** Calls to a payment provider: one step per gateway method (`createPayment`, `refundPayment`, …), with
   * `billfold.gateway`. Item: a call answered. */
  gateway: 'gateway',
  /** Webhooks received: step `receive`, with `billfold.gateway` and `billfold.webhook.outcome`. Item: a delivery. */
  webhooks: 'webhooks',
  /** Collections runs: `run` (the whole run), `batch` (one transaction of claimed invoices), `deferred` (the invoices
   * collected one by one at the end); item: an invoice collected. Their outcomes, counted once committed: `reminder`
   * (a reminder sent), `overdue` (an invoice flagged overdue), `fee` (a fee charged), `dunning` (a subscription
   * reaching the stage in `billfold.dunning.stage`). Errors are counted at the step of the invoice's
   * `CollectionsError` (`plan`, `write`). */
  collections: 'collections',
  /** Credit notes: step `create`. Item: a credit note issued. */
  creditNotes: 'credit_notes',
  /** Usage ingestion: steps `ingest` (one batch) and `stream` (a whole `ingestStream`), each item an event with
   * `billfold.usage.outcome` (`inserted`, `duplicate`, `rejected`); a refused batch counts all its events as
   * `rejected` and one error under its code. */
  usage: 'usage',
  /** The customer portal: one step per route id, with `http.route`. Item: a request answered. Its latency is the
   * standard `http.server.request.duration`. */
  portal: 'portal',
} as const;

/** One of the values of {@link TelemetryArea}. */
export type TelemetryArea = (typeof TelemetryArea)[keyof typeof TelemetryArea];

/** The attribute keys Billfold sets. `error.type` follows the OpenTelemetry semantic conventions. */
export const TelemetryAttribute = {
  /** The step within an area (`batch`, `record`, `createPayment`). */
  step: 'billfold.step',
  /** A failure's `BillingErrorCode`, or `internal_error` for anything else. */
  errorType: 'error.type',
  /** The payment gateway's name (`stripe`, `paypal`). */
  gateway: 'billfold.gateway',
  /** A rendered document's format (`pdf`, `html`, `csv`, `ubl`). */
  documentFormat: 'billfold.document.format',
  /** What became of a webhook delivery: `accepted`, `duplicate`, `replayed`, `refused`, `failed`. */
  webhookOutcome: 'billfold.webhook.outcome',
  /** The dunning stage a subscription reached: `past_due`, `unpaid`, `suspended`, `canceled`. */
  dunningStage: 'billfold.dunning.stage',
  /** What became of an ingested usage event: `inserted`, `duplicate`, `rejected`. */
  usageOutcome: 'billfold.usage.outcome',
} as const;

/** The names of one area's three instruments. */
export interface AreaInstrumentNames {
  /** Counter of items done (`{item}`). */
  readonly items: string;
  /** Counter of failures by step and code (`{error}`). */
  readonly errors: string;
  /** Histogram of step latency in seconds. */
  readonly duration: string;
}

/**
 * The instrument names of an area.
 * @example
 * ```ts
 * instrumentNames('run'); // { items: 'billfold.run.items', errors: 'billfold.run.errors', duration: 'billfold.run.duration' }
 * ```
 */
export function instrumentNames(area: TelemetryArea): AreaInstrumentNames {
  return { items: `billfold.${area}.items`, errors: `billfold.${area}.errors`, duration: `billfold.${area}.duration` };
}

/**
 * Histogram buckets in seconds, from a few milliseconds (a rating step) to ten minutes (a whole run); the SDK's
 * default buckets are made for milliseconds.
 */
export const DURATION_BUCKETS_SECONDS: readonly number[] = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600,
];

/** The instrumentation scope Billfold's meters and tracers are named after. */
export const TELEMETRY_SCOPE = '@billfold/core';
