import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** The option declarations of one command, as `node:util` `parseArgs` takes them. */
export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** The parsed flags (`--help` always included) and positionals of a command line. */
export interface ParsedOptions {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/** Node's message names the flag in quotes: `Unknown option '--fo'. To specify…` → `--fo`. */
function quoted(message: string): string | undefined {
  return /'([^']+)'/.exec(message)?.[1];
}

/**
 * Parses a command's arguments strictly with `node:util` `parseArgs` (plus `-h/--help`): an unknown flag, a flag
 * without its value or an unexpected positional becomes a {@link UsageError} naming it.
 * @param maxPositionals how many positionals the command takes (a report's kind: 1).
 */
export function parseOptions(
  command: string,
  args: readonly string[],
  options: OptionSpecs,
  maxPositionals = 0,
): ParsedOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      throw new UsageError(`unknown option ${quoted(message) ?? message}`, command);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const flag = quoted(message)?.split(' ')[0];
      throw new UsageError(flag ? `option ${flag} needs a value` : message, command);
    }
    throw new UsageError(message, command);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new UsageError(`unexpected argument "${parsed.positionals[maxPositionals]}"`, command);
  }
  return { values: parsed.values as ParsedOptions['values'], positionals: parsed.positionals };
}

/** A string flag's value (`undefined` when absent). */
export function stringOption(parsed: ParsedOptions, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** An integer flag within `[min, max]`, or `fallback` when absent. */
export function integerOption(
  command: string,
  parsed: ParsedOptions,
  name: string,
  range: { readonly min: number; readonly max: number; readonly fallback: number },
): number {
  const text = stringOption(parsed, name);
  if (text === undefined) return range.fallback;
  if (!/^\d+$/.test(text) || Number(text) < range.min || Number(text) > range.max) {
    throw new UsageError(`--${name} must be a whole number from ${range.min} to ${range.max} (got "${text}")`, command);
  }
  return Number(text);
}

/** An instant flag (`2026-02-01`, `2026-02-01T12:00:00Z`) as an ISO UTC string, or `undefined` when absent. */
export function instantOption(command: string, parsed: ParsedOptions, name: string): string | undefined {
  const text = stringOption(parsed, name);
  if (text === undefined) return undefined;
  // A date alone means its midnight in UTC; a date-time must say its offset, so no local time zone sneaks in.
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
  const time = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  // Date.parse rolls 2026-02-30 over to March 2: refuse a calendar date that does not exist.
  const [year, month, day] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const exists = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
  if ((!dateOnly && !dateTime) || Number.isNaN(time) || !exists) {
    throw new UsageError(
      `--${name} must be an ISO 8601 date or date-time with an offset, e.g. 2026-02-01 or 2026-02-01T12:00:00Z (got "${text}")`,
      command,
    );
  }
  return new Date(time).toISOString();
}
