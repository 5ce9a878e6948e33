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
});
