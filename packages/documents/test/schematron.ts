import { readFileSync } from 'node:fs';
import { DOMParser, type Element } from '@xmldom/xmldom';
import SaxonJS from 'saxon-js';
import { inject } from 'vitest';
import type { ToolCheck } from './tools';

/** One rule that fired: its id (`BR-S-09`), `fatal` or `warning`, where, and the rule's text. */
export interface FailedAssert {
  readonly id: string;
  readonly flag: 'fatal' | 'warning';
  readonly location: string;
  readonly text: string;
}

/** The rules a document broke, split into errors (`fatal`) and warnings. */
export interface SchematronReport {
  readonly fatal: readonly FailedAssert[];
  readonly warnings: readonly FailedAssert[];
}

const SVRL = 'http://purl.oclc.org/dsdl/svrl';

/** Whether the compiled schematron is here; in CI its absence fails the suite instead of skipping it. */
export function findSchematron(): ToolCheck {
  const sef = inject('en16931Sef');
  if ('path' in sef) return { available: true, mustFail: false };
  return { available: false, reason: sef.missing, mustFail: Boolean(process.env.CI) };
}

let stylesheet: unknown;

/**
 * Runs a UBL Invoice or CreditNote through the official EN 16931 schematron and collects every
 * `svrl:failed-assert`.
 */
export function validateEn16931(xml: string): SchematronReport {
  const sef = inject('en16931Sef');
  if (!('path' in sef)) throw new Error(sef.missing);
  stylesheet ??= JSON.parse(readFileSync(sef.path, 'utf8'));
  const result = SaxonJS.transform(
    { stylesheetInternal: stylesheet, sourceText: xml, destination: 'serialized' },
    'sync',
  ) as { principalResult: string };
  const svrl = new DOMParser().parseFromString(result.principalResult, 'text/xml');
  const asserts = Array.from(svrl.getElementsByTagNameNS(SVRL, 'failed-assert')) as unknown as Element[];
  const failed = asserts.map((element) => ({
    id: element.getAttribute('id') ?? '',
    flag: element.getAttribute('flag') === 'warning' ? ('warning' as const) : ('fatal' as const),
    location: element.getAttribute('location') ?? '',
    text: (element.getElementsByTagNameNS(SVRL, 'text')[0]?.textContent ?? '').trim(),
  }));
  return { fatal: failed.filter((f) => f.flag === 'fatal'), warnings: failed.filter((f) => f.flag === 'warning') };
}

/** `["BR-S-09 …", …]`: the fatal rules of a report in a form that reads well in a failed expectation. */
export function fatalRules(report: SchematronReport): string[] {
  return report.fatal.map((f) => `${f.id} at ${f.location}: ${f.text}`);
}
