/**
 * Text every supported storage keeps as given. PostgreSQL refuses U+0000 in `text` and `jsonb`, and a lone UTF-16
 * surrogate has no UTF-8 form (the driver writes U+FFFD instead, so two different strings would be stored alike);
 * MemoryStorage would keep both. Refusing them at validation makes every storage accept the same input.
 * @internal
 */

/** A NUL character, or a high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A key no input object may have: `__proto__` is dropped silently by plain-object parsing (it would set the
 * prototype instead of a field), so a caller would lose it without a word.
 */
const RESERVED_KEY = '__proto__';

/** What is wrong with one string or key of an input, and where. */
export interface TextProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** `String.prototype.isWellFormed` (ES2024, Node 20+), when the runtime has it: a native scan. */
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** Why `text` cannot be stored, or `undefined` when every storage keeps it. */
export function unstorableTextReason(text: string): string | undefined {
  // The common case, clean text, costs two native scans.
  if (text.indexOf('\u0000') < 0 && isWellFormed !== undefined && isWellFormed.call(text)) return undefined;
  const found = UNSTORABLE_TEXT.exec(text);
  if (found === null) return undefined;
  return found[0] === '\u0000'
    ? 'must not contain the NUL character (U+0000): PostgreSQL cannot store it'
    : `must not contain a lone UTF-16 surrogate (U+${found[0].charCodeAt(0).toString(16).toUpperCase()}): it has no UTF-8 form`;
}

/** Plain data only: arrays and objects whose prototype is `Object.prototype` or `null` (not Dates, adapters, …). */
function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** A container met while walking, linked to where it was found (paths are built only for a problem). */
interface Visit {
  readonly value: Record<string, unknown> | unknown[];
  readonly parent?: Visit;
  readonly key?: string | number;
}

function pathOf(visit: Visit, tail: string | number): (string | number)[] {
  const reversed: (string | number)[] = [tail];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent) reversed.push(at.key);
  return reversed.reverse();
}

/** The problem of one child of a container (a key, or a string value), or `undefined`. */
function childProblem(visit: Visit, key: string | number, child: unknown): TextProblem | undefined {
  if (typeof key === 'string') {
    if (key === RESERVED_KEY) return { path: pathOf(visit, key), message: '"__proto__" is not allowed as a key' };
    const reason = unstorableTextReason(key);
    if (reason !== undefined) return { path: pathOf(visit, key), message: `key ${reason}` };
  }
  if (typeof child !== 'string') return undefined;
  const reason = unstorableTextReason(child);
  return reason === undefined ? undefined : { path: pathOf(visit, key), message: reason };
}

/**
 * The first string (value or object key) of `input` that a supported storage cannot keep, or a `__proto__` key,
 * with its path; `undefined` when there is none. Walks plain objects and arrays only, each once, without
 * recursion (a deep input cannot overflow the stack); strings are checked where they are met, so a walk allocates
 * per container, not per value.
 */
export function findUnstorableText(input: unknown): TextProblem | undefined {
  if (typeof input === 'string') {
    const reason = unstorableTextReason(input);
    return reason === undefined ? undefined : { path: [], message: reason };
  }
  if (!isPlainContainer(input)) return undefined;
  const seen = new Set<object>([input]);
  const stack: Visit[] = [{ value: input }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { value } = visit;
    const keys: (string | number)[] = Array.isArray(value) ? [...value.keys()] : Object.keys(value);
    const nested: Visit[] = [];
    for (const key of keys) {
      const child = (value as Record<string | number, unknown>)[key];
      const problem = childProblem(visit, key, child);
      if (problem !== undefined) return problem;
      if (isPlainContainer(child) && !seen.has(child)) {
        seen.add(child);
        nested.push({ value: child, parent: visit, key });
      }
    }
    // Pushed in reverse, so nested containers are walked in input order.
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i] as Visit);
  }
  return undefined;
}
