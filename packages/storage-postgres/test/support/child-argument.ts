import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Longest argument passed on the command line; a longer one goes through a file (Linux refuses 128 KiB and more). */
const MAX_INLINE = 64 * 1024;

/** What a test child is started with for `argument`: its JSON, or `@<file>` holding it when it is too long. */
export function childArgumentText(argument: unknown): string {
  const json = JSON.stringify(argument);
  if (json.length <= MAX_INLINE) return json;
  const file = join(mkdtempSync(join(tmpdir(), 'billfold-child-')), 'argument.json');
  writeFileSync(file, json);
  return `@${file}`;
}

/** The argument this test child was started with (see {@link childArgumentText}); a file is removed once read. */
export function childArgument<T>(): T {
  const text = process.argv[2] ?? '{}';
  if (!text.startsWith('@')) return JSON.parse(text) as T;
  const file = text.slice(1);
  const json = readFileSync(file, 'utf8');
  rmSync(join(file, '..'), { recursive: true, force: true });
  return JSON.parse(json) as T;
}
