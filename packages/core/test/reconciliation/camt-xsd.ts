/**
 * Checks test statements against the official ISO 20022 XSDs with `xmllint`. Debian's
 * `tryton-modules-account-payment-sepa` ships camt.054.001.01–.04; no npm or Debian package ships camt.053, so a
 * camt.053.001.02 statement is checked through its camt.054.001.02 twin (the same `ReportEntry2` entries).
 * `.ci/run` extracts the XSDs to `.cache/iso20022-xsd/`; elsewhere set BILLFOLD_ISO20022_XSD_DIR.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const xsdDir = process.env.BILLFOLD_ISO20022_XSD_DIR ?? resolve(import.meta.dirname, '../../../../.cache/iso20022-xsd');
const xmllint = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).error === undefined;
const haveXsd = existsSync(join(xsdDir, 'camt.054.001.02.xsd')) && existsSync(join(xsdDir, 'camt.054.001.04.xsd'));

/** What is missing to validate (empty when xmllint and the XSDs are there). */
export const missingXsdTools: readonly string[] = [
  ...(xmllint ? [] : ['xmllint is not installed (apt-get install -y libxml2-utils)']),
  ...(haveXsd
    ? []
    : [`no camt.054 XSDs in ${xsdDir} (bash .ci/run fetches them from Debian's tryton-modules-account-payment-sepa)`]),
];

/** xmllint's verdict on `xml` against `xsd`: `"statement.xml validates"` when it does. */
export function validates(xsd: string, xml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'billfold-camt-')), 'statement.xml');
  writeFileSync(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', join(xsdDir, xsd), file], { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.replace(file, 'statement.xml').trim();
}

/** A camt.053.001.02 statement as the camt.054.001.02 notification with the same entries (no balances). */
export function asNotification(xml: string): string {
  return xml
    .replace('camt.053.001.02', 'camt.054.001.02')
    .replace(/BkToCstmrStmt>/g, 'BkToCstmrDbtCdtNtfctn>')
    .replace(/<(\/?)Stmt>/g, '<$1Ntfctn>')
    .replace(/<Bal>.*?<\/Bal>/g, '');
}
