import type { UsageEvent } from '@billfold/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyField, firstOfEachKey, usageCopyData, usageCopyRows } from './usage-copy';

/** COPY's text format read back, as the server reads one field (the escapes `copyField` writes). */
function readField(field: string): string {
  const escapes: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };
  return field.replace(/\\(.)/g, (_, character: string) => escapes[character] ?? character);
}

const event = (customerId: string, id: string, gb = '1'): UsageEvent => ({
  id,
  customerId,
  subscriptionId: 'sub_1',
  eventName: 'data',
  timestamp: '2026-01-10T00:00:00.000Z',
  properties: { gb },
});

describe('copyField', () => {
  it('escapes the backslash, tab and line breaks, and leaves other text as it is', () => {
    expect(copyField('evt_1')).toBe('evt_1');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('{"k":"a\\"b"}')).toBe('{"k":"a\\\\"b"}');
    expect(copyField('Ünïcode 😀 "quoted", comma')).toBe('Ünïcode 😀 "quoted", comma');
  });

  it('gives back any text once read, and never a raw separator (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const field = copyField(text);
        expect(field).not.toMatch(/[\t\n\r]/);
        expect(readField(field)).toBe(text);
      }),
    );
  });
});

describe('usageCopyRows', () => {
  it('writes one line per event, its columns in order, NULL for no subscription and properties as JSON', () => {
    const { subscriptionId: _none, ...unassigned } = event('cus_2', 'e2');
    const rows = usageCopyRows([
      { ...event('cus_1', 'e1'), eventName: 'tab\there', properties: { note: 'line\nbreak \\ "q"' } },
      unassigned,
    ]);
    expect(rows).toBe(
      'e1\tcus_1\tsub_1\ttab\\there\t2026-01-10T00:00:00.000Z\t{"note":"line\\\\nbreak \\\\\\\\ \\\\"q\\\\""}\n' +
        'e2\tcus_2\t\\N\tdata\t2026-01-10T00:00:00.000Z\t{"gb":"1"}\n',
    );
    const properties = rows.split('\n')[0]?.split('\t')[5] as string;
    expect(JSON.parse(readField(properties))).toEqual({ note: 'line\nbreak \\ "q"' });
  });
});

describe('usageCopyData', () => {
  it('cuts the rows into pieces of 1,000 whole lines that join to the rows of the batch', () => {
    const events = Array.from({ length: 2001 }, (_, n) => event('cus_1', `e${n}`));
    const pieces = [...usageCopyData(events)];
    expect(pieces.map((piece) => piece.split('\n').length - 1)).toEqual([1000, 1000, 1]);
    expect(pieces.join('')).toBe(usageCopyRows(events));
    expect(pieces[1]?.startsWith('e1000\tcus_1\t')).toBe(true);
    expect([...usageCopyData([])]).toEqual([]);
  });
});

describe('firstOfEachKey', () => {
  it('keeps the first event of each key in a batch in key order, the repeats in input order', () => {
    const batch = [event('a', '1', '1'), event('a', '1', '2'), event('a', '2'), event('b', '1'), event('b', '1', '3')];
    const { firsts, repeats } = firstOfEachKey(batch);
    expect(firsts.map((e) => [e.customerId, e.id, e.properties.gb])).toEqual([
      ['a', '1', '1'],
      ['a', '2', '1'],
      ['b', '1', '1'],
    ]);
    expect(repeats).toEqual([
      { customerId: 'a', id: '1' },
      { customerId: 'b', id: '1' },
    ]);
  });

  it('scopes ids by customer: the same id of two customers is two events', () => {
    expect(firstOfEachKey([event('b', '1'), event('a', '1')]).repeats).toEqual([]);
  });

  it('splits any batch as a set of keys would, in key order or not (property)', () => {
    const key = fc.record({ customerId: fc.constantFrom('a', 'b', 'c', 'a\u0000'), id: fc.constantFrom('1', '2', '') });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 30 }), fc.boolean(), (keys, sorted) => {
        const ordered = sorted
          ? [...keys].sort((x, y) =>
              x.customerId !== y.customerId
                ? x.customerId < y.customerId
                  ? -1
                  : 1
                : x.id < y.id
                  ? -1
                  : x.id > y.id
                    ? 1
                    : 0,
            )
          : keys;
        const batch = ordered.map((k, n) => event(k.customerId, k.id, String(n)));
        const seen = new Set<string>();
        const expected = { firsts: [] as UsageEvent[], repeats: [] as { customerId: string; id: string }[] };
        for (const e of batch) {
          const text = JSON.stringify([e.customerId, e.id]);
          if (seen.has(text)) expected.repeats.push({ customerId: e.customerId, id: e.id });
          else {
            seen.add(text);
            expected.firsts.push(e);
          }
        }
        expect(firstOfEachKey(batch)).toEqual(expected);
      }),
    );
  });
});
