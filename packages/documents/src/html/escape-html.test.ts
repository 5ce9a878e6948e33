import { expect, it } from 'vitest';
import { escapeHtml } from './escape-html';

it('escapes the five HTML-significant characters and nothing else', () => {
  expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
  expect(escapeHtml(`a & b "c" 'd'`)).toBe('a &amp; b &quot;c&quot; &#39;d&#39;');
  expect(escapeHtml('Zoë Øster 東京 ₹')).toBe('Zoë Øster 東京 ₹');
});
