import { statementError } from './statement-amount';

/**
 * The text of a statement given as a string or as bytes. Bytes are decoded with `encoding`, else the encoding an
 * XML declaration names (`<?xml version="1.0" encoding="ISO-8859-1"?>`), else UTF-8; a byte sequence that is not
 * valid in that encoding is an error, never a silent replacement character.
 * @internal
 */
export function statementText(input: string | Uint8Array, root: string, encoding?: string): string {
  if (typeof input === 'string') return input;
  if (!(input instanceof Uint8Array)) {
    throw statementError([root], root, 'expected the file as a string or a Uint8Array');
  }
  const head = String.fromCharCode(...input.subarray(0, 200));
  const declared = /^(?:\uFEFF|\xEF\xBB\xBF)?<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  const label = encoding ?? declared ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw statementError([root], root, `unsupported character encoding "${label}"`);
  }
  try {
    return decoder.decode(input);
  } catch {
    throw statementError([root], root, `the bytes are not valid ${label}`);
  }
}
