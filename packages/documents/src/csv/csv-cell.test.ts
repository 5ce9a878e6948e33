import { describe, expect, it } from 'vitest';
import { csvNumber, csvRecord, csvText } from './csv-cell';

describe('csv cells', () => {
  it('neutralises what a spreadsheet would execute, also behind spaces', () => {
    expect(csvText('=1+1')).toBe("'=1+1");
    expect(csvText('+1')).toBe("'+1");
    expect(csvText('-1+2')).toBe("'-1+2");
    expect(csvText('@SUM(A1)')).toBe("'@SUM(A1)");
    // tab and CR are cleaned to a space / line break, and still neutralised
    expect(csvText('\t=1')).toBe("'=1");
    expect(csvText('\r=1')).toBe("'=1");
    expect(csvText('  =cmd')).toBe("'=cmd");
    expect(csvText('a=1')).toBe('a=1');
  });

  it('quotes per RFC 4180 only where needed, doubling quotes', () => {
    expect(csvText('plain')).toBe('plain');
    expect(csvText('a,b')).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText('two\nlines')).toBe('"two\nlines"');
    expect(csvText(undefined)).toBe('');
  });

  it('drops control characters', () => {
    expect(csvText('a\u0000b\u0007c\u001bd')).toBe('abcd');
  });

  it('keeps amounts as plain decimal strings, negative ones included, and treats anything else as text', () => {
    expect(csvNumber('-5.00')).toBe('-5.00');
    expect(csvNumber('1234.5678')).toBe('1234.5678');
    expect(csvNumber('=1+1')).toBe("'=1+1");
    expect(csvNumber(undefined)).toBe('');
    expect(csvRecord(['a', '', 'c'])).toBe('a,,c');
  });
});
