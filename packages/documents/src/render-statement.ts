import { type Statement, StatementSchema, validate } from '@billfold/core';
import { type RenderedDocument, renderedDocument } from './document-output';
import { RECORD_TEXT } from './model/clean-text';
import { statementCsv } from './statement/statement-csv';
import { statementHtml } from './statement/statement-html';
import { type StatementFormat, type StatementOptions, StatementOptionsSchema } from './statement/statement-options';
import { statementPdf } from './statement/statement-pdf';
import { statementView } from './statement/statement-view';
import { measureRender } from './measure-render';

/**
 * Renders an account statement (`buildStatement` in `@billfold/core`) as a printable HTML page, a PDF or a CSV:
 * per currency the balance brought forward, every invoice, credit note, payment, refund and credit of the period
 * with its running balance, the closing balance, and the invoices still open with their days overdue. In the
 * customer's language (`en` and `de` built in) and time zone unless the options say otherwise. Pure: the same
 * statement gives the same bytes.
 *
 * @throws BillingError `invalid_input` with the `path` of a bad option or statement field; `unsupported` for a
 *   PDF whose text (a name, a reference) is in none of its fonts.
 * @example
 * ```ts
 * const statement = buildStatement({ customer, invoices, payments, refunds, creditNotes, balanceTransactions,
 *   period: { start: '2026-03-01', end: '2026-03-31' }, asOf: clock.now() });
 * const pdf = await renderStatement(statement, { format: 'pdf', seller });
 * await writeFile(pdf.fileName, pdf.body); // statement-cus_01J…-2026-03-01-2026-03-31.pdf
 * ```
 */
export async function renderStatement<F extends StatementFormat>(
  statement: Statement,
  options: StatementOptions & { readonly format: F },
): Promise<RenderedDocument<F>> {
  return measureRender('statement', options, async () => {
    const resolved = validate(StatementOptionsSchema, options, 'options');
    const valid = validate(StatementSchema, statement, 'statement', RECORD_TEXT);
    const renderers: Record<StatementFormat, () => string | Promise<Uint8Array>> = {
      html: () => statementHtml(statementView(valid, resolved)),
      pdf: () =>
        statementPdf(statementView(valid, resolved), resolved, [
          ['statement', valid],
          ['options', resolved],
        ]),
      csv: () => statementCsv(valid, resolved.timeZone ?? valid.customer.timeZone),
    };
    const name = `statement-${valid.customer.id}-${valid.period.start}-${valid.period.end}`;
    return renderedDocument(await renderers[resolved.format](), resolved.format as F, name);
  });
}
