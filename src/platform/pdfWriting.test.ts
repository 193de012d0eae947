import { readFileSync } from 'node:fs';
import { create, openSync } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { directionOf, needsOwnLayout, paragraphDirection, runsOf, scriptFont, scriptFontFile, visualOrder, woffToOpenType } from './pdfWriting';

const order = (words: string[], paragraph: 'ltr' | 'rtl') => visualOrder(words, directionOf, paragraph);

describe('writing in other scripts, for PDFs', () => {
  it('cuts a word where its font changes, keeping marks, joiners and the script’s own punctuation with its letters', () => {
    expect(runsOf('Ruby’s')).toEqual([{ text: 'Ruby’s', script: null }]);
    expect(runsOf('আছে।')).toEqual([{ text: 'আছে।', script: 'bengali' }]);
    expect(runsOf('ہے۔')).toEqual([{ text: 'ہے۔', script: 'arabic' }]);
    expect(runsOf('(ہے)')).toEqual([{ text: '(', script: null }, { text: 'ہے', script: 'arabic' }, { text: ')', script: null }]);
    expect(runsOf('क्षमा')).toEqual([{ text: 'क्षमा', script: 'devanagari' }]);
    // Numbers in Arabic-Indic digits are drawn a digit at a time, left to right.
    expect(runsOf('١٢٣')).toEqual([{ text: '١', script: 'arabic' }, { text: '٢', script: 'arabic' }, { text: '٣', script: 'arabic' }]);
  });

  it('knows which texts need its own layout and which way a paragraph runs', () => {
    expect(needsOwnLayout('Zoë, Łucja and Ольга')).toBe(false);
    expect(needsOwnLayout('Mum said ما وجدناه')).toBe(true);
    expect(needsOwnLayout('ልጅዎ')).toBe(true);
    expect(paragraphDirection('12 مارچ')).toBe('rtl');
    expect(paragraphDirection('Mum said ما وجدناه')).toBe('ltr');
    expect(paragraphDirection('“…”')).toBe('ltr');
    expect(directionOf('١٢')).toBe('ltr');
    expect(directionOf('—')).toBe('neutral');
  });

  it('orders a line’s words for the page: right-to-left stretches turned round, left-to-right stretches kept', () => {
    expect(order(['Mum', 'said', 'ما', 'وجدناه', 'today'], 'ltr')).toEqual(['Mum', 'said', 'وجدناه', 'ما', 'today']);
    expect(order(['آپ', 'کا', 'Hearth', 'School', 'سے'], 'rtl')).toEqual(['سے', 'Hearth', 'School', 'کا', 'آپ']);
    expect(order(['ہم', 'نے', '12', 'مارچ'], 'rtl')).toEqual(['مارچ', '12', 'نے', 'ہم']);
    // A dash between two Urdu words in an English sentence goes with them.
    expect(order(['Nan', 'said', 'ہم', '—', 'نے', 'ok'], 'ltr')).toEqual(['Nan', 'said', 'نے', '—', 'ہم', 'ok']);
    expect(order(['a', 'b'], 'ltr')).toEqual(['a', 'b']);
  });

  it('unpacks a WOFF font into the same font, as plain OpenType', () => {
    const woff = scriptFontFile('bengali', 'regular');
    const unpacked = scriptFont('bengali', 'regular');
    expect(unpacked.readUInt32BE(0)).toBe(0x00010000); // TrueType outlines
    expect(unpacked.length).toBeGreaterThan(readFileSync(woff).length);
    const ids = (font: ReturnType<typeof create>) => font.layout('আপনার সন্তান নিরাপদ আছে।').glyphs.map((g) => g.id);
    expect(ids(create(unpacked))).toEqual(ids(openSync(woff)));
    expect(() => woffToOpenType(Buffer.from('not a font at all'))).toThrow('Not a WOFF font');
  });
});
