/**
 * A strict reader for data-only XML such as ISO 20022 messages: elements, attributes, text, CDATA, comments and
 * processing instructions. A document type declaration is refused outright, so no entity can be declared,
 * expanded (billion laughs) or fetched (XXE); only the five predefined entities and character references are
 * decoded. Each element remembers its line for error messages. Pure string work, no I/O.
 * @internal
 */
import { BillingError, BillingErrorCode } from '../errors/billing-error';

/** One element: its local name, prefix, attributes as written, child elements, text content and line. */
export interface XmlElement {
  readonly name: string;
  readonly prefix: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** The text directly inside the element (entity-decoded, CDATA included, whitespace-only runs dropped). */
  text: string;
  /** 1-based line of the start tag. */
  readonly line: number;
}

/** Limits that keep a hostile document from exhausting memory or the stack. */
export interface XmlReadLimits {
  /** Longest document accepted, in UTF-16 code units (default 200,000,000). */
  readonly maxLength?: number;
  /** Deepest nesting accepted (default 64; ISO 20022 statements stay below 20). */
  readonly maxDepth?: number;
}

const START_NAME = /<([A-Za-z_][\w.-]*)(?::([A-Za-z_][\w.-]*))?/y;
const ATTRIBUTE = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const START_END = /\s*(\/?)>/y;
const END_TAG = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#(\d{1,7})|(amp|lt|gt|quot|apos));|&/g;
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// C0 controls other than tab, LF and CR are not XML characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding what XML forbids is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Parses `text` into its root element, or throws `invalid_input` at `[root]` whose message names the line and
 * what is wrong (unclosed or mismatched tags, a DOCTYPE, an undeclared entity, text outside the root).
 */
export function readXml(input: string, root: string, limits: XmlReadLimits = {}): XmlElement {
  const maxLength = limits.maxLength ?? 200_000_000;
  const maxDepth = limits.maxDepth ?? 64;
  if (typeof input !== 'string') {
    throw new BillingError(BillingErrorCode.invalidInput, `${root} must be the XML text (a string)`, { path: [root] });
  }
  if (input.length > maxLength) {
    throw new BillingError(BillingErrorCode.invalidInput, `${root} is longer than ${maxLength} characters`, {
      path: [root],
    });
  }
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let line = 1;
  let nextNewline = text.indexOf('\n');
  /** The line of position `at` (positions only move forward, so each newline is passed once). */
  const lineAt = (at: number): number => {
    while (nextNewline !== -1 && nextNewline < at) {
      line++;
      nextNewline = text.indexOf('\n', nextNewline + 1);
    }
    return line;
  };
  function fail(at: number, message: string): never {
    throw new BillingError(BillingErrorCode.invalidInput, `${root}: line ${lineAt(at)}: ${message}`, {
      path: [root],
      issues: [{ path: [root, 'line', lineAt(at)], message }],
    });
  }
  const forbidden = FORBIDDEN_CHARACTER.exec(text);
  if (forbidden !== null) fail(forbidden.index, 'control characters are not allowed in XML');

  const decode = (raw: string, at: number): string =>
    raw.indexOf('&') === -1
      ? raw
      : raw.replace(
          REFERENCE,
          (match, hex: string | undefined, decimal: string | undefined, name: string | undefined) => {
            if (name !== undefined) return PREDEFINED[name] as string;
            if (hex === undefined && decimal === undefined) {
              return fail(
                at,
                `"${raw.slice(raw.indexOf(match), raw.indexOf(match) + 12)}…" is not allowed: only &amp; &lt; &gt; &quot; &apos; and character references (no declared entities)`,
              );
            }
            const code = hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(decimal as string, 10);
            if (!isXmlCharacter(code)) fail(at, `character reference ${match} is not an XML character`);
            return String.fromCodePoint(code);
          },
        );

  const stack: XmlElement[] = [];
  let rootElement: XmlElement | undefined;
  let pos = 0;
  while (pos < text.length) {
    const lt = text.indexOf('<', pos);
    const end = lt === -1 ? text.length : lt;
    if (end > pos) {
      const raw = text.slice(pos, end);
      if (/\S/.test(raw)) {
        const top = stack[stack.length - 1];
        if (top === undefined) fail(pos, 'text outside the root element');
        top.text += decode(raw, pos);
      }
    }
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 47 /* / */) {
      END_TAG.lastIndex = lt;
      const match = END_TAG.exec(text);
      if (match === null) fail(lt, 'malformed end tag');
      const name = match[1] as string;
      const open = stack.pop();
      if (open === undefined) fail(lt, `end tag </${name}> without a start tag`);
      const openName = open.prefix === '' ? open.name : `${open.prefix}:${open.name}`;
      if (openName !== name) fail(lt, `end tag </${name}> does not close <${openName}> (line ${open.line})`);
      pos = END_TAG.lastIndex;
    } else if (next === 63 /* ? */) {
      const close = text.indexOf('?>', lt + 2);
      if (close === -1) fail(lt, 'unterminated processing instruction');
      if (/^<\?xml[\s?]/i.test(text.slice(lt, lt + 6)) && lt !== 0) fail(lt, 'the XML declaration must come first');
      pos = close + 2;
    } else if (next === 33 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close === -1) fail(lt, 'unterminated comment');
        pos = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const close = text.indexOf(']]>', lt + 9);
        if (close === -1) fail(lt, 'unterminated CDATA section');
        const top = stack[stack.length - 1];
        if (top === undefined) fail(lt, 'CDATA outside the root element');
        top.text += text.slice(lt + 9, close);
        pos = close + 3;
      } else if (text.startsWith('<!DOCTYPE', lt)) {
        fail(lt, 'a DOCTYPE is not allowed (entity declarations could expand or fetch content)');
      } else {
        fail(lt, 'markup declarations are not allowed');
      }
    } else {
      START_NAME.lastIndex = lt;
      const nameMatch = START_NAME.exec(text);
      if (nameMatch === null) fail(lt, 'malformed start tag');
      const [, first, second] = nameMatch;
      const attributes: Record<string, string> = {};
      let at = START_NAME.lastIndex;
      for (;;) {
        ATTRIBUTE.lastIndex = at;
        const attribute = ATTRIBUTE.exec(text);
        if (attribute === null) break;
        const attributeName = attribute[1] as string;
        if (Object.hasOwn(attributes, attributeName)) fail(lt, `attribute ${attributeName} appears twice`);
        attributes[attributeName] = decode(attribute[2] ?? attribute[3] ?? '', lt);
        at = ATTRIBUTE.lastIndex;
      }
      START_END.lastIndex = at;
      const ending = START_END.exec(text);
      if (ending === null) fail(lt, 'malformed start tag');
      const element: XmlElement = {
        name: second ?? (first as string),
        prefix: second === undefined ? '' : (first as string),
        attributes,
        children: [],
        text: '',
        line: lineAt(lt),
      };
      const parent = stack[stack.length - 1];
      if (parent !== undefined) parent.children.push(element);
      else if (rootElement !== undefined) fail(lt, 'a second root element');
      else rootElement = element;
      if (ending[1] !== '/') {
        if (stack.length >= maxDepth) fail(lt, `elements nested deeper than ${maxDepth}`);
        stack.push(element);
      }
      pos = START_END.lastIndex;
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed !== undefined) fail(text.length, `<${unclosed.name}> (line ${unclosed.line}) is never closed`);
  if (rootElement === undefined) fail(text.length, 'no root element');
  return rootElement;
}
