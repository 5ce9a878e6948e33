import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VALIDATION_DIR } from './tools';

/** The OASIS UBL 2.1 main schemas. */
export const UBL_XSD = {
  invoice: join(VALIDATION_DIR, 'ubl-2.1/maindoc/UBL-Invoice-2.1.xsd'),
  creditNote: join(VALIDATION_DIR, 'ubl-2.1/maindoc/UBL-CreditNote-2.1.xsd'),
} as const;

/**
 * Validates documents against an XSD with `xmllint --schema`, all in one run (loading the UBL schemas is the
 * slow part). Returns per document whether it validated and xmllint's messages.
 */
export function validateWithXsd(
  xsd: string,
  documents: Record<string, string>,
): Record<string, { valid: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'billfold-ubl-'));
  const files = Object.entries(documents).map(([name, xml]) => {
    const file = join(dir, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}.xml`);
    writeFileSync(file, xml);
    return [name, file] as const;
  });
  const result = spawnSync('xmllint', ['--noout', '--schema', xsd, ...files.map(([, file]) => file)], {
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  return Object.fromEntries(
    files.map(([name, file]) => [
      name,
      {
        valid: output.includes(`${file} validates`),
        output: output
          .split('\n')
          .filter((line) => line.includes(file))
          .join('\n'),
      },
    ]),
  );
}
