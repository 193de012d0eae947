import { readFileSync } from 'node:fs';
import { create, openSync } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { breakableParts, directionOf, fontBytes, fontFile, needsOwnLayout, paragraphDirection, runsOf, visualOrder, woffToOpenType } from './pdfWriting';

const order = (words: string[], paragraph: 'ltr' | 'rtl') => visualOrder(words, directionOf, paragraph);

describe('writing in other scripts, for PDFs', () => {
  it('cuts a word where its font changes, keeping marks, joiners and the script’s own punctuation with its letters', () => {
    expect(runsOf('Ruby’s')).toEqual([{ text: 'Ruby’s', script: null, font: null }]);
    expect(runsOf('আছে।')).toEqual([{ text: 'আছে।', script: 'bengali', font: 'bengali' }]);
    expect(runsOf('ہے۔')).toEqual([{ text: 'ہے۔', script: 'arabic', font: 'arabic' }]);
    expect(runsOf('(ہے)')).toEqual([{ text: '(', script: null, font: null }, { text: 'ہے', script: 'arabic', font: 'arabic' }, { text: ')', script: null, font: null }]);
    expect(runsOf('क्षमा')).toEqual([{ text: 'क्षमा', script: 'devanagari', font: 'devanagari' }]);
    expect(runsOf('ปลอดภัย')).toEqual([{ text: 'ปลอดภัย', script: 'thai', font: 'thai' }]);
    // Numbers in Arabic-Indic digits are drawn a digit at a time, left to right.
    expect(runsOf('١٢٣')).toEqual([{ text: '١', script: 'arabic', font: 'arabic' }, { text: '٢', script: 'arabic', font: 'arabic' }, { text: '٣', script: 'arabic', font: 'arabic' }]);
  });

  it('draws each Chinese character, and the full-width signs, from the part of Noto Sans SC that holds it', () => {
    const runs = runsOf('（学校）说：Sarah');
    expect(runs.map((r) => r.text).join('')).toBe('（学校）说：Sarah');
    expect(runs.slice(0, -1).every((r) => r.script === 'chinese' && /^chinese-\d+$/.test(r.font!))).toBe(true);
    expect(runs.at(-1)).toEqual({ text: 'Sarah', script: null, font: null });
    expect(new Set(runs.map((r) => r.font)).size).toBeGreaterThan(2); // 学 and 校 are in different parts
    // Traditional characters and the Japanese kana are there too; a rare character is in no part.
    expect(runsOf('媽媽說').every((r) => r.font?.startsWith('chinese-'))).toBe(true);
    expect(runsOf('カレンダー').every((r) => r.font?.startsWith('chinese-'))).toBe(true);
    expect(runsOf('𠀀')).toEqual([{ text: '𠀀', script: 'chinese', font: null }]);
    expect(fontFile('chinese-118', 'bold')).toMatch(/noto-sans-sc-118-700-normal\.woff$/);
  });

  it('finds where a line may break in writing without spaces, keeping punctuation with its word', () => {
    expect(breakableParts('我们担心孩子的安全。妈妈说：“我很好。”（学校）老师')).toEqual(['我们', '担心', '孩子', '的', '安全。', '妈妈', '说：', '“我', '很好。”', '（学校）', '老师']);
    expect(breakableParts('เราเป็นห่วงความปลอดภัย')).toEqual(['เรา', 'เป็น', 'ห่วง', 'ความ', 'ปลอดภัย']);
    expect(breakableParts('お子さんの安全')).toEqual(expect.arrayContaining(['安全']));
    expect(breakableParts('Sarah’s')).toEqual(['Sarah’s']);
    // Tibetan breaks after each syllable's tsheg (་), never after the non-breaking tsheg (༌), and the shad (།) stays with its syllable.
    expect(breakableParts('ང་ཚོས་རྙེད་པ།')).toEqual(['ང་', 'ཚོས་', 'རྙེད་', 'པ།']);
    expect(breakableParts('ང་ཚོས༌ཨེ་ལི།')).toEqual(['ང་', 'ཚོས༌ཨེ་', 'ལི།']);
    expect(breakableParts('আপনার')).toEqual(['আপনার']);
    expect(breakableParts('（')).toEqual(['（']);
  });

  it('knows which texts need its own layout and which way a paragraph runs', () => {
    expect(needsOwnLayout('Zoë, Łucja and Ольга')).toBe(false);
    expect(needsOwnLayout('Mum said ما وجدناه')).toBe(true);
    expect(needsOwnLayout('ልጅዎ')).toBe(true);
    expect(needsOwnLayout('孩子的安全')).toBe(true);
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
    const woff = fontFile('bengali', 'regular');
    const unpacked = fontBytes('bengali', 'regular');
    expect(unpacked.readUInt32BE(0)).toBe(0x00010000); // TrueType outlines
    expect(unpacked.length).toBeGreaterThan(readFileSync(woff).length);
    const ids = (font: ReturnType<typeof create>) => font.layout('আপনার সন্তান নিরাপদ আছে।').glyphs.map((g) => g.id);
    expect(ids(create(unpacked))).toEqual(ids(openSync(woff)));
    expect(() => woffToOpenType(Buffer.from('not a font at all'))).toThrow('Not a WOFF font');
  });
});
