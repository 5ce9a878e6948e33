import { expect, it } from 'vitest';
import { cleanLine, cleanText } from './clean-text';

it('removes control characters and bidi overrides, normalises breaks, keeps Unicode text', () => {
  expect(cleanText('bell\u0007 nul\u0000 esc\u001b[31m')).toBe('bell nul esc[31m');
  expect(cleanText('invoice.\u202Eexe')).toBe('invoice.exe');
  expect(cleanText('a\r\nb\rc\td')).toBe('a\nb\nc d');
  expect(cleanText('  \n padded \n ')).toBe('padded');
  expect(cleanText('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
  expect(cleanText('Zoë Øster, Łódź, 東京 ₹ ₺ ₽')).toBe('Zoë Øster, Łódź, 東京 ₹ ₺ ₽');
  expect(cleanLine('two\nlines')).toBe('two lines');
});
