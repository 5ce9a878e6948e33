/**
 * One change made through the portal: who (customer and session), what (the route and the object), when, and
 * how it ended. Values of personal data are never in it: a profile change lists the field names changed.
 */
export interface AuditEntry {
  /** ISO instant, from the portal's clock. */
  readonly at: string;
  /** The route id (`updateProfile`, `cancelSubscription`). */
  readonly action: string;
  readonly customerId: string | undefined;
  readonly sessionId: string | undefined;
  readonly requestId: string;
  /** The object changed, when the route names one. */
  readonly target?: { readonly type: string; readonly id: string };
  /** The HTTP status the change ended with: 2xx done, else refused or failed (nothing changed). */
  readonly status: number;
  /** Facts of the change: changed field names, a cancellation reason, price ids. */
  readonly details: Readonly<Record<string, string>>;
}

/** Where audit entries go: an append-only table, a log pipeline, a SIEM. A failing sink fails the request's log line, not the change. */
export interface AuditSink {
  record(entry: AuditEntry): void | Promise<void>;
}

/** An {@link AuditSink} that keeps entries in memory (tests, demos). */
export interface MemoryAuditSink extends AuditSink {
  readonly entries: readonly AuditEntry[];
}

/** Creates an {@link AuditSink} that keeps every entry in an array. */
export function createMemoryAuditSink(): MemoryAuditSink {
  const entries: AuditEntry[] = [];
  return {
    entries,
    record(entry) {
      entries.push(entry);
    },
  };
}
