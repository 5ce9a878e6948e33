/**
 * The test statements against the official ISO 20022 XSDs. Debian's `tryton-modules-account-payment-sepa` ships
 * camt.054.001.01–.04 (as test data of Tryton's SEPA module); no npm or Debian package ships camt.053, so the
 * camt.053.001.02 statements are checked through their camt.054.001.02 twin — the same `ReportEntry2` entries in
 * a notification — and camt.053.001.08 is built to the published structure (see camt-fixtures.ts).
 * `.ci/run` extracts the XSDs to `.cache/iso20022-xsd/`; elsewhere set BILLFOLD_ISO20022_XSD_DIR.
 */
import { describe, expect, it } from 'vitest';
import { parseCamt } from '../../src/reconciliation/camt-statement';
import { camtDocument, type StatementSpec } from './camt-fixtures';
import { asNotification, missingXsdTools, validates } from './camt-xsd';

const missing = missingXsdTools;

const statements: StatementSpec[] = [
  {
    id: 'STMT-1',
    iban: 'DE89370400440532013000',
    closing: ['179.00', 'CRDT'],
    entries: [
      {
        reference: 'R-1',
        amount: '119.00',
        transactions: [
          {
            reference: 'T-1',
            endToEndId: 'E2E-1',
            amount: '119.00',
            debtorName: 'Ada & Lovelace Ltd',
            debtorIban: 'GB29NWBK60161331926819',
            unstructured: ['INV-2026-000123'],
            creditorReference: 'RF98INV2026000123',
            documentNumber: 'INV-2026-000123',
          },
        ],
      },
      {
        reference: 'R-2',
        amount: '60.00',
        transactions: [{ amount: '25.00' }, { amount: '35.00', debtorName: 'Grace' }],
      },
      { reference: 'R-3', amount: '5.00', direction: 'DBIT', status: 'PDNG', reversal: true, additionalInfo: 'fee' },
    ],
  },
];

describe.skipIf(missing.length > 0 && !process.env.CI)(
  `test statements against the ISO 20022 XSDs${missing.length > 0 ? ` (skipped: ${missing.join('; ')})` : ''}`,
  () => {
    it('has the tools (fails under CI=true when they are missing)', () => {
      expect(missing).toEqual([]);
    });

    it('camt.054.001.02 and .001.04 notifications validate and parse', () => {
      for (const version of ['02', '04'] as const) {
        const xml = camtDocument({ message: '054', version, statements });
        expect(validates(`camt.054.001.${version}.xsd`, xml)).toBe('statement.xml validates');
        expect(parseCamt(xml).entries.map((e) => e.id)).toEqual(['R-1', 'R-2', 'R-3']);
      }
    });

    it('camt.053.001.02 entries validate as ReportEntry2 (through the camt.054.001.02 twin)', () => {
      const xml = camtDocument({ message: '053', version: '02', statements });
      expect(validates('camt.054.001.02.xsd', asNotification(xml))).toBe('statement.xml validates');
      expect(parseCamt(xml).entries.map((e) => e.amount)).toEqual(['119.00', '60.00', '5.00']);
    });

    it('the schema check catches a misplaced element (the harness can fail)', () => {
      const broken = camtDocument({ message: '054', version: '02', statements }).replace(
        /<Sts>BOOK<\/Sts>(<BookgDt>.*?<\/BookgDt>)/,
        '$1<Sts>BOOK</Sts>',
      );
      expect(validates('camt.054.001.02.xsd', broken)).toMatch(/fails to validate/);
    });
  },
);
