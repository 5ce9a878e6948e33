/**
 * One structured log line of the portal. Never personal data: no names, e-mail addresses, IP addresses or
 * tokens; customers appear only through the random session id.
 */
export interface PortalLogRecord {
  readonly level: 'info' | 'warn' | 'error';
  /** `request` for each answered request, `audit_failed` when the audit sink threw, `error` for a fault. */
  readonly event: 'request' | 'audit_failed' | 'error';
  readonly requestId: string;
  /** The route id, or `unmatched`. */
  readonly route: string;
  readonly method: string;
  readonly status?: number;
  readonly durationMs?: number;
  readonly sessionId?: string;
  /** The problem code of an error response. */
  readonly code?: string;
  /** Why a token was refused (`expired`, `bad_signature`, …). */
  readonly refusal?: string;
  /** The error's class name for a fault (the message may hold data and stays out). */
  readonly error?: string;
}

/** Where the portal's log lines go. */
export interface PortalLogger {
  log(record: PortalLogRecord): void;
}

/** A logger that writes each record as one JSON line (default sink: `console.log`). */
export function createJsonLogger(write: (line: string) => void = (line) => console.log(line)): PortalLogger {
  return { log: (record) => write(JSON.stringify(record)) };
}

/** The default: logs nothing. */
export const silentLogger: PortalLogger = { log: () => {} };
