import { describe, expect, it } from 'vitest';
import { isBillingError } from '../errors/billing-error';
import { readXml } from './xml-reader';

function failure(xml: string): string {
  try {
    readXml(xml, 'statement');
    return 'parsed';
  } catch (error) {
    return isBillingError(error) ? `${error.code}: ${error.message}` : String(error);
  }
}

describe('strict XML reader', () => {
  it('reads elements, prefixes, attributes, entities, CDATA and lines', () => {
    const root = readXml(
      '<?xml version="1.0"?>\n<!-- c -->\n<ns:Doc xmlns:ns="urn:x" a=\'1\'>\n  <Nm>A &amp; B &#x263A; &#65;</Nm>\n  <T><![CDATA[<raw> & ]]></T><E/>\n</ns:Doc>\n',
      'statement',
    );
    expect(root).toMatchObject({ name: 'Doc', prefix: 'ns', attributes: { 'xmlns:ns': 'urn:x', a: '1' }, line: 3 });
    expect(root.children.map((c) => [c.name, c.text, c.line])).toEqual([
      ['Nm', 'A & B ☺ A', 4],
      ['T', '<raw> & ', 5],
      ['E', '', 5],
    ]);
  });

  it('refuses a billion-laughs document without expanding anything', () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Document><Ustrd>&lol9;</Ustrd></Document>`;
    expect(failure(laughs)).toBe(
      'invalid_input: statement: line 2: a DOCTYPE is not allowed (entity declarations could expand or fetch content)',
    );
  });

  it('refuses an external entity (XXE) and any undeclared entity reference', () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Document>&xxe;</Document>';
    expect(failure(xxe)).toMatch(/line 1: a DOCTYPE is not allowed/);
    // without the DOCTYPE, the reference itself is refused, never passed through as text
    expect(failure('<Document>\n<Ustrd>&xxe;</Ustrd></Document>')).toMatch(/line 2: "&xxe;…" is not allowed/);
    expect(failure('<Document a="&lol;"/>')).toMatch(/is not allowed/);
    expect(failure('<Document>AT&T</Document>')).toMatch(/is not allowed/);
  });

  it('names the line of malformed documents', () => {
    expect(failure('<A>\n<B>\n</A>')).toMatch(/line 3: end tag <\/A> does not close <B> \(line 2\)/);
    expect(failure('<A>\n<B></B>\n')).toMatch(/line 3: <A> \(line 1\) is never closed/);
    expect(failure('<A/><B/>')).toMatch(/a second root element/);
    expect(failure('text<A/>')).toMatch(/text outside the root element/);
    expect(failure('<A b="1" b="2"/>')).toMatch(/attribute b appears twice/);
    expect(failure('<A>&#0;</A>')).toMatch(/not an XML character/);
    expect(failure('<A>\u0001</A>')).toMatch(/control characters/);
    expect(failure('<A><!-- open</A>')).toMatch(/unterminated comment/);
    expect(failure('<A>\n<?xml version="1.0"?></A>')).toMatch(/line 2: the XML declaration must come first/);
    expect(failure('')).toMatch(/no root element/);
  });

  it('limits nesting depth and size', () => {
    expect(() => readXml(`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`, 'statement')).toThrow(/nested deeper than 64/);
    expect(() => readXml('<a>xxxxxxxx</a>', 'statement', { maxLength: 10 })).toThrow(/longer than 10 characters/);
  });
});
