let counter = 0;

/**
 * A new id for a builder: `prefix_000001`, `prefix_000002`, … Ids ascend in the order they are made, and never
 * repeat within one test process.
 */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}_${String(counter).padStart(6, '0')}`;
}

/** The instant builders use for creation times: `2026-01-15T10:00:00.000Z`. */
export const BUILDER_NOW = '2026-01-15T10:00:00.000Z';
