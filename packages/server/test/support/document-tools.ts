import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'billfold-portal-'));
let counter = 0;

function save(bytes: Uint8Array | string, extension: string): string {
  const file = join(dir, `doc-${++counter}.${extension}`);
  writeFileSync(file, bytes);
  return file;
}

/** Whether `pdftotext` and `xmllint` are installed and the UBL schemas are at hand; in CI their absence fails. */
export function documentToolsMissing(): string | undefined {
  const missing = ['pdftotext', 'xmllint'].filter(
    (tool) => spawnSync(tool, ['-v'], { stdio: 'ignore' }).error !== undefined,
  );
  if (!existsSync(UBL_INVOICE_XSD)) missing.push(`the UBL 2.1 schemas at ${UBL_INVOICE_XSD}`);
  return missing.length === 0
    ? undefined
    : `missing ${missing.join(', ')} (apt-get install -y poppler-utils libxml2-utils)`;
}

function repoRoot(): string {
  let at = import.meta.dirname;
  while (!existsSync(join(at, 'pnpm-workspace.yaml'))) at = dirname(at);
  return at;
}

/** shared/ beside the repository (CI), or beside the folder of worktrees (a helper's worktree). */
const VALIDATION =
  ['../shared', '../../shared']
    .map((up) => resolve(repoRoot(), up, 'validation/ubl-2.1/maindoc'))
    .find((candidate) => existsSync(candidate)) ?? resolve(repoRoot(), '../shared/validation/ubl-2.1/maindoc');
/** The OASIS UBL 2.1 invoice schema. */
export const UBL_INVOICE_XSD = join(VALIDATION, 'UBL-Invoice-2.1.xsd');
/** The OASIS UBL 2.1 credit-note schema. */
export const UBL_CREDIT_NOTE_XSD = join(VALIDATION, 'UBL-CreditNote-2.1.xsd');

/** A PDF's text, read back with poppler's `pdftotext`. */
export function pdfText(pdf: Uint8Array): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', save(pdf, 'pdf'), '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/** xmllint's verdict on an XML document against an XSD: the output ends in "validates" when it does. */
export function validateXml(xml: string, xsd: string): { valid: boolean; output: string } {
  const result = spawnSync('xmllint', ['--noout', '--schema', xsd, save(xml, 'xml')], { encoding: 'utf8' });
  const output = `${result.stdout}${result.stderr}`;
  return { valid: result.status === 0 && output.includes('validates'), output };
}

/** Whitespace collapsed (no-break spaces too, as `Intl` puts them in amounts), to find text across line breaks. */
export const flat = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, ' ');

/** The records of a Billfold CSV by column name (for documents whose cells hold no commas or quotes). */
export function csvRecords(csv: string): Record<string, string>[] {
  const [header, ...lines] = csv
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? ''])));
}
