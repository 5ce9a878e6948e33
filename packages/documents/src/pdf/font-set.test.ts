import { describe, expect, it } from 'vitest';
import { FontSet } from './font-set';
import { defaultFontSources } from './platform.node';

describe('FontSet', () => {
  const fonts = new FontSet(defaultFontSources());

  it('sets Latin, Polish and currency signs in the regular face, CJK in the fallback', () => {
    expect(fonts.runs('Zoë Øster, Łódź ₹ ₺ ₽', 'regular').map((run) => run.face)).toEqual(['regular']);
    const runs = fonts.runs('Tokyo 東京 office', 'bold');
    expect(runs.map((run) => [run.text, run.face])).toEqual([
      ['Tokyo ', 'bold'],
      ['東京', 0],
      [' office', 'bold'],
    ]);
    for (const run of runs) {
      for (const char of run.text.trim()) expect(fonts.font(run.face).has(char.codePointAt(0) as number)).toBe(true);
    }
  });

  it('measures text from advance widths, proportionally to size', () => {
    const ten = fonts.width('Invoice 250.33', 10, 'regular');
    expect(ten).toBeGreaterThan(40);
    expect(ten).toBeLessThan(100);
    expect(fonts.width('Invoice 250.33', 20, 'regular')).toBeCloseTo(ten * 2, 6);
    expect(fonts.width('WWW', 10, 'bold')).toBeGreaterThan(fonts.width('iii', 10, 'bold'));
  });

  it('sets right-to-left text in visual order: Hebrew reversed, brackets mirrored, numbers left to right', () => {
    // Logical "Support [monthly] 2026" in Hebrew: the paragraph is right to left, so 2026 is drawn first.
    const runs = fonts.runs('שירות [חודשי] 2026', 'regular');
    const hebrew = runs.filter((run) => run.face !== 'regular');
    expect(runs[0]?.text).toBe('2026');
    // The Hebrew runs are shaped by their font (logical text, positioned glyphs), the brackets mirrored.
    expect(hebrew.map((run) => run.text)).toEqual(['חודשי', 'שירות']);
    expect(hebrew.every((run) => run.adjustments !== undefined)).toBe(true);
    expect(runs.map((run) => run.text).join('')).toBe('2026 [חודשי] שירות');
  });

  it('joins Arabic letters into their contextual forms, which are narrower than the isolated letters', () => {
    const [run] = fonts.runs('ببببب', 'regular');
    expect(run?.face).not.toBe('regular');
    const isolated = 5 * fonts.font(run?.face ?? 0).advance(0x0628);
    expect(run?.width).toBeGreaterThan(0);
    expect(run?.width).toBeLessThan(isolated * 0.8);
  });
});
