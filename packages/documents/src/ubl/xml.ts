/** An XML element to serialise: text or children, never both. @internal */
export interface XmlElement {
  readonly name: string;
  readonly attributes?: Readonly<Record<string, string>>;
  readonly text?: string;
  readonly children?: readonly XmlElement[];
}

type Child = XmlElement | undefined | false | '';

// Characters XML 1.0 cannot carry at all; cleaned text has none, this is the last line of defence.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching what XML forbids is the point
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for element content and double-quoted attributes. @internal */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** A leaf element with text; `undefined` text leaves the element out. @internal */
export function leaf(
  name: string,
  text: string | undefined,
  attributes?: Record<string, string>,
): XmlElement | undefined {
  return text === undefined ? undefined : { name, text, attributes };
}

/** An element with children; with no children left it is left out. @internal */
export function group(name: string, children: readonly Child[]): XmlElement | undefined {
  const kept = children.filter((child): child is XmlElement => typeof child === 'object' && child !== null);
  return kept.length === 0 ? undefined : { name, children: kept };
}

function write(element: XmlElement, indent: string, out: string[]): void {
  const attributes = element.attributes
    ? Object.entries(element.attributes)
        .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
        .join('')
    : '';
  if (element.children !== undefined) {
    out.push(`${indent}<${element.name}${attributes}>`);
    for (const child of element.children) write(child, `${indent}  `, out);
    out.push(`${indent}</${element.name}>`);
  } else {
    out.push(`${indent}<${element.name}${attributes}>${escapeXml(element.text ?? '')}</${element.name}>`);
  }
}

/** The document as UTF-8 XML text with a declaration, two-space indented. @internal */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, '', out);
  return `${out.join('\n')}\n`;
}
