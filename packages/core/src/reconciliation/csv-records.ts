/**
 * An RFC 4180 CSV reader that keeps the line each record starts on: quoted fields with doubled quotes and line
 * breaks inside, CRLF, LF or CR line ends, a leading byte-order mark. A quote inside an unquoted field is kept as
 * text (bank exports do that); text after a closing quote is an error.
 * @internal
 */
import { statementError } from './statement-amount';

/** One record and the 1-based line it starts on. */
export interface CsvRecord {
  readonly line: number;
  readonly fields: string[];
}

/** Reads every non-blank record of `text`; throws `invalid_input` at `[root, "line", n]` on a malformed one. */
export function readCsvRecords(input: string, delimiter: string, root: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const char = text[i] as string;
    if (char === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1)
          throw statementError([root, 'line', start], `${root} line ${start}`, 'a quoted field is never closed');
        const chunk = text.slice(i, quote);
        for (let k = chunk.indexOf('\n'); k !== -1; k = chunk.indexOf('\n', k + 1)) line++;
        field += chunk;
        if (text[quote + 1] === '"') {
          field += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      const after = text[i];
      if (after !== undefined && after !== delimiter && after !== '\n' && after !== '\r') {
        throw statementError([root, 'line', line], `${root} line ${line}`, 'text after the closing quote of a field');
      }
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
      i++;
    } else if (char === '\n' || char === '\r') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      let end = i;
      while (end < text.length) {
        const c = text[end];
        if (c === delimiter || c === '\n' || c === '\r') break;
        end++;
      }
      field += text.slice(i, end);
      i = end;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}
