import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EN16931_EXAMPLES } from './schematron-paths';
import { fatalRules, findSchematron, validateEn16931 } from './schematron';
import { suiteTitle } from './tools';

const schematron = findSchematron();

describe.skipIf(!schematron.available)(suiteTitle('the EN 16931 schematron harness', schematron), () => {
  const example = (name: string) => readFileSync(join(EN16931_EXAMPLES, name), 'utf8');

  it('finds no failed assert in the official examples', () => {
    const names = readdirSync(EN16931_EXAMPLES).filter((name) => name.endsWith('.xml'));
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (const name of names) {
      const report = validateEn16931(example(name));
      expect(fatalRules(report), name).toEqual([]);
      expect(report.warnings, name).toEqual([]);
    }
  });

  it('reports the rule a broken document breaks, as fatal', () => {
    // The 6 % breakdown's tax made 2.00 too high: BR-S-09 and BR-CO-17 (tax = taxable × rate), BR-CO-14 (Σ = total).
    const broken = example('ubl-tc434-example1.xml').replace(
      '<cbc:TaxAmount currencyID="EUR">10.99</cbc:TaxAmount>',
      '<cbc:TaxAmount currencyID="EUR">12.99</cbc:TaxAmount>',
    );
    const report = validateEn16931(broken);
    expect(report.fatal.map((f) => f.id).sort()).toEqual(['BR-CO-14', 'BR-CO-17', 'BR-S-09']);
    expect(report.fatal.find((f) => f.id === 'BR-S-09')?.text).toContain('multiplied by the VAT category rate');
    // A buyer without a name: BR-07.
    const nameless = example('ubl-tc434-example2.xml').replace(
      /(<cac:AccountingCustomerParty>[\s\S]*?<cbc:RegistrationName>)[^<]*(<\/cbc:RegistrationName>)/,
      '$1$2',
    );
    expect(validateEn16931(nameless).fatal.map((f) => f.id)).toContain('BR-07');
  });
});

if (schematron.mustFail) {
  it('has the EN 16931 schematron in CI', () => {
    throw new Error(schematron.reason);
  });
}
