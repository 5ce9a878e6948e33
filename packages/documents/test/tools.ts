import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Whether an external tool the tests need is here, and what to say when it is not. */
export interface ToolCheck {
  readonly available: boolean;
  /** Set when the tool is missing: why tests are skipped (or, in CI, fail). */
  readonly reason?: string;
  /** Missing while env CI is set: the suite must fail instead of skipping. */
  readonly mustFail: boolean;
}

function check(found: boolean, reason: string): ToolCheck {
  const ci = Boolean(process.env.CI);
  return found ? { available: true, mustFail: false } : { available: false, reason, mustFail: ci };
}

/** Looks for a command-line tool (`pdftotext`, `xmllint`) on PATH. */
export function findTool(command: string, debianPackage: string): ToolCheck {
  const result = spawnSync(command, ['-v'], { stdio: 'ignore' });
  return check(
    result.error === undefined,
    `${command} is not installed (apt-get update && apt-get install -y ${debianPackage})`,
  );
}

/** The repository root: the nearest folder above the tests with a pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('no pnpm-workspace.yaml above the tests');
    dir = parent;
  }
  return dir;
}

/**
 * `../shared/validation` from the repository root (UBL XSD, EN 16931 examples and schematron), or the folder
 * `BILLFOLD_VALIDATION_DIR` names (a checkout whose validation data lives elsewhere).
 */
export const VALIDATION_DIR = process.env.BILLFOLD_VALIDATION_DIR ?? resolve(repoRoot(), '../shared/validation');

/** Whether the validation data is there. */
export function findValidationData(): ToolCheck {
  return check(
    existsSync(join(VALIDATION_DIR, 'ubl-2.1/maindoc/UBL-Invoice-2.1.xsd')),
    `validation data not found at ${VALIDATION_DIR} (the OASIS UBL 2.1 XSD lives in shared/validation)`,
  );
}

/** Title of a suite that may be skipped: names the reason so the report says why. */
export function suiteTitle(title: string, ...checks: ToolCheck[]): string {
  const missing = checks.filter((c) => !c.available).map((c) => c.reason);
  return missing.length === 0 ? title : `${title} (skipped: ${missing.join('; ')})`;
}

/** Whether text holds C0 control characters other than tab, LF and CR, or the bidi override U+202E. */
export function hasControlCharacters(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x202e) return true;
  }
  return false;
}
