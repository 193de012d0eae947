import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCell, toCsv } from './csv';

describe('CSV export', () => {
  it('prefixes a quote to every cell a spreadsheet would run as a formula', () => {
    expect(neutraliseCell('=HYPERLINK("http://evil.example","click")')).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(neutraliseCell('+44 113 496 0000')).toBe("'+44 113 496 0000");
    expect(neutraliseCell('-1+1')).toBe("'-1+1");
    expect(neutraliseCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(neutraliseCell('\tcmd')).toBe("'\tcmd");
    expect(neutraliseCell('\rcmd')).toBe("'\rcmd");
    expect(neutraliseCell('Police called at 10pm = serious')).toBe('Police called at 10pm = serious');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(3)).toBe('3');
  });

  it('quotes every cell, doubles quotes and keeps line breaks inside a cell', () => {
    const csv = toCsv(['Date', 'What happened'], [['2025-03-01', 'She said "I want to stay"\nwith nan'], ['2025-03-02', '=1+1']]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF"Date","What happened"\r\n"2025-03-01","She said ""I want to stay""\nwith nan"\r\n"2025-03-02","\'=1+1"\r\n');
  });

  it('never leaves a cell starting with a formula character, whatever was typed', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const cell = neutraliseCell(text);
        expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
        expect(cell.endsWith(text)).toBe(true);
      }),
    );
  });
});
