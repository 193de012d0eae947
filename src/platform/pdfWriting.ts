import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Writing in other scripts for Hearth's PDFs: which font draws each piece of a text, and in which
 * order the words of a line go when the writing runs right to left (Arabic, Urdu, Farsi, Pashto,
 * Hebrew). pdfkit draws one font at a time and always left to right; this is what lets a family who
 * read Urdu or Bengali get a PDF they can read.
 */
const FONTSOURCE = path.join(process.cwd(), 'node_modules/@fontsource');

export type Script = 'arabic' | 'hebrew' | 'bengali' | 'gurmukhi' | 'devanagari' | 'gujarati' | 'tamil' | 'ethiopic';

/** The scripts Hearth has a font for (Noto Sans, from Fontsource), by their Unicode script name. */
export const SCRIPT_FONTS: { script: Script; unicode: string; rightToLeft: boolean }[] = [
  { script: 'arabic', unicode: 'Arabic', rightToLeft: true },
  { script: 'hebrew', unicode: 'Hebrew', rightToLeft: true },
  { script: 'bengali', unicode: 'Bengali', rightToLeft: false },
  { script: 'gurmukhi', unicode: 'Gurmukhi', rightToLeft: false },
  { script: 'devanagari', unicode: 'Devanagari', rightToLeft: false },
  { script: 'gujarati', unicode: 'Gujarati', rightToLeft: false },
  { script: 'tamil', unicode: 'Tamil', rightToLeft: false },
  { script: 'ethiopic', unicode: 'Ethiopic', rightToLeft: false },
];

export function scriptFontFile(script: Script, weight: 'regular' | 'bold'): string {
  const size = weight === 'bold' ? 700 : 400;
  return path.join(FONTSOURCE, `noto-sans-${script}/files/noto-sans-${script}-${script}-${size}-normal.woff`);
}

const fontData = new Map<string, Buffer>();

/**
 * The script's font as a plain OpenType file, unpacked once from Fontsource's WOFF. fontkit reads a
 * WOFF by unpacking a table each time it looks at it: a chronology of 5,000 entries in Urdu took
 * three times as long that way.
 */
export function scriptFont(script: Script, weight: 'regular' | 'bold'): Buffer {
  const file = scriptFontFile(script, weight);
  let data = fontData.get(file);
  if (!data) fontData.set(file, (data = woffToOpenType(readFileSync(file))));
  return data;
}

/** WOFF 1.0 (a header, a table directory, each table zlib-packed unless packing did not help) to OpenType. */
export function woffToOpenType(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const packed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + packed);
    return { tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: packed < length ? inflateSync(raw) : raw };
  });
  let power = 1;
  while (power * 2 <= count) power *= 2;
  const head = Buffer.alloc(12 + count * 16);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(count, 4);
  head.writeUInt16BE(power * 16, 6);
  head.writeUInt16BE(Math.log2(power), 8);
  head.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    head.writeUInt32BE(t.tag, 12 + i * 16);
    head.writeUInt32BE(t.checksum, 16 + i * 16);
    head.writeUInt32BE(offset, 20 + i * 16);
    head.writeUInt32BE(t.data.length, 24 + i * 16);
    const padded = Buffer.alloc(Math.ceil(t.data.length / 4) * 4);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

const LETTER_OF = SCRIPT_FONTS.map((s) => ({ script: s.script, letter: new RegExp(`\\p{Script=${s.unicode}}`, 'u'), shared: new RegExp(`\\p{Script_Extensions=${s.unicode}}`, 'u') }));
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
/** Marks and joiners belong with the letter before them. */
const JOINS_PREVIOUS = /[\p{M}\u200c\u200d]/u;
const STRONG_LEFT_TO_RIGHT = /[\p{L}\p{Nd}]/u;
const DIGITS_ONLY = /^[\p{Nd}.,:/-]+$/u;

/** A piece of a word drawn in one font: `script` null is DejaVu Sans, which draws Latin, Greek and Cyrillic. */
export type Run = { text: string; script: Script | null };

function scriptOf(char: string, previous: Script | null): Script | null {
  for (const s of LETTER_OF) if (s.letter.test(char)) return s.script;
  if (previous && (JOINS_PREVIOUS.test(char) || LETTER_OF.find((s) => s.script === previous)!.shared.test(char))) return previous;
  return null;
}

/** A word cut where its font changes, each piece named by the script whose font draws it. */
export function runsOf(word: string): Run[] {
  const runs: Run[] = [];
  let previous: Script | null = null;
  for (const char of word) {
    const script = scriptOf(char, previous);
    const last = runs[runs.length - 1];
    if (last && last.script === script) last.text += char;
    else runs.push({ text: char, script });
    previous = script;
  }
  // Numbers read left to right in every script; the font's own layout would turn Arabic-Indic digits round.
  return runs.flatMap((r) => (r.script && SCRIPT_FONTS.find((s) => s.script === r.script)!.rightToLeft && DIGITS_ONLY.test(r.text) ? [...r.text].map((c) => ({ text: c, script: r.script })) : [r]));
}

/** Whether Hearth must lay this text out itself: a script DejaVu Sans lacks, or writing that runs right to left. */
export function needsOwnLayout(text: string): boolean {
  return LETTER_OF.some((s) => s.letter.test(text));
}

export type Direction = 'ltr' | 'rtl' | 'neutral';

export function directionOf(word: string): Direction {
  if (DIGITS_ONLY.test(word)) return 'ltr'; // a number, in any script's digits
  if (RIGHT_TO_LEFT.test(word)) return 'rtl';
  if (STRONG_LEFT_TO_RIGHT.test(word)) return 'ltr';
  return 'neutral';
}

/** A paragraph runs right to left when its first strong letter does (as in Unicode's rule P2). */
export function paragraphDirection(text: string): 'ltr' | 'rtl' {
  for (const char of text) {
    if (RIGHT_TO_LEFT.test(char) && /\p{L}/u.test(char)) return 'rtl';
    if (/\p{L}/u.test(char)) return 'ltr'; // digits are weak: they do not set the way a paragraph runs
  }
  return 'ltr';
}

/**
 * The order, left to right on the page, of a line's words (given in the order they were written).
 * In a right-to-left paragraph, each stretch of left-to-right words (an English name, a date) keeps
 * its own order and the stretches go right to left; words of punctuation alone go with the paragraph.
 * Within a right-to-left word the pieces go right to left too.
 */
export function visualOrder<T>(words: T[], direction: (word: T) => Direction, paragraph: 'ltr' | 'rtl'): T[] {
  const resolved = words.map((w, i) => {
    const own = direction(w);
    if (own !== 'neutral') return own;
    // A neutral word between two words of the same direction takes theirs (Unicode's rule N1).
    const before = words.slice(0, i).reverse().map(direction).find((d) => d !== 'neutral');
    const after = words.slice(i + 1).map(direction).find((d) => d !== 'neutral');
    return before && before === after ? before : paragraph;
  });
  const stretches: { direction: 'ltr' | 'rtl'; words: T[] }[] = [];
  words.forEach((w, i) => {
    const last = stretches[stretches.length - 1];
    if (last && last.direction === resolved[i]) last.words.push(w);
    else stretches.push({ direction: resolved[i]!, words: [w] });
  });
  const ordered = stretches.map((s) => (s.direction === 'rtl' ? [...s.words].reverse() : s.words));
  return (paragraph === 'rtl' ? ordered.reverse() : ordered).flat();
}
