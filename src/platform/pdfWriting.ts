import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Writing in other scripts for Hearth's PDFs: which font draws each piece of a text, where a line may
 * break in writing that has no spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Burmese),
 * and in which order the words of a line go when the writing runs right to left (Arabic, Urdu, Farsi,
 * Pashto, Hebrew). pdfkit draws one font at a time and always left to right; this is what lets a
 * family who read Urdu, Bengali or Chinese get a PDF they can read.
 */
const FONTSOURCE = path.join(process.cwd(), 'node_modules/@fontsource');

export type Script =
  | 'arabic'
  | 'hebrew'
  | 'bengali'
  | 'gurmukhi'
  | 'devanagari'
  | 'gujarati'
  | 'tamil'
  | 'telugu'
  | 'kannada'
  | 'malayalam'
  | 'sinhala'
  | 'thai'
  | 'lao'
  | 'khmer'
  | 'myanmar'
  | 'ethiopic'
  | 'chinese'
  | 'korean'
  | 'tibetan';

/**
 * The scripts Hearth has a font for (Noto Sans, from Fontsource), with the Unicode scripts each draws.
 * Chinese characters, and the Japanese kana, are drawn by Noto Sans SC, which draws the traditional
 * characters read in Hong Kong and Taiwan as well as the simplified ones; Korean (Hangul) by Noto
 * Sans KR. Chinese characters in Korean writing (hanja) are drawn by Noto Sans SC, as in Chinese.
 * Tibetan (also Dzongkha and Ladakhi) is drawn by Noto Serif Tibetan: there is no Noto Sans Tibetan.
 */
export const SCRIPT_FONTS: { script: Script; unicode: string[]; rightToLeft: boolean }[] = [
  { script: 'arabic', unicode: ['Arabic'], rightToLeft: true },
  { script: 'hebrew', unicode: ['Hebrew'], rightToLeft: true },
  { script: 'bengali', unicode: ['Bengali'], rightToLeft: false },
  { script: 'gurmukhi', unicode: ['Gurmukhi'], rightToLeft: false },
  { script: 'devanagari', unicode: ['Devanagari'], rightToLeft: false },
  { script: 'gujarati', unicode: ['Gujarati'], rightToLeft: false },
  { script: 'tamil', unicode: ['Tamil'], rightToLeft: false },
  { script: 'telugu', unicode: ['Telugu'], rightToLeft: false },
  { script: 'kannada', unicode: ['Kannada'], rightToLeft: false },
  { script: 'malayalam', unicode: ['Malayalam'], rightToLeft: false },
  { script: 'sinhala', unicode: ['Sinhala'], rightToLeft: false },
  { script: 'thai', unicode: ['Thai'], rightToLeft: false },
  { script: 'lao', unicode: ['Lao'], rightToLeft: false },
  { script: 'khmer', unicode: ['Khmer'], rightToLeft: false },
  { script: 'myanmar', unicode: ['Myanmar'], rightToLeft: false },
  { script: 'ethiopic', unicode: ['Ethiopic'], rightToLeft: false },
  { script: 'chinese', unicode: ['Han', 'Hiragana', 'Katakana', 'Bopomofo'], rightToLeft: false },
  { script: 'korean', unicode: ['Hangul'], rightToLeft: false },
  { script: 'tibetan', unicode: ['Tibetan'], rightToLeft: false },
];

/** The Fontsource family of a script whose font is not named noto-sans-<script>. */
const FAMILY: Partial<Record<Script, string>> = { tibetan: 'noto-serif-tibetan' };

export type Weight = 'regular' | 'bold';

/**
 * The fonts that come in parts: Noto Sans SC in 97, Noto Sans KR in 120, each part a few hundred
 * characters (Fontsource's unicode ranges, the most used characters in the same parts). A PDF takes in
 * only the parts its writing uses.
 */
const PARTED: Partial<Record<Script, string>> = { chinese: 'noto-sans-sc', korean: 'noto-sans-kr' };

const partsOf = new Map<Script, Map<number, number>>();
function partOf(script: Script, code: number): number | undefined {
  let parts = partsOf.get(script);
  if (!parts) {
    parts = new Map();
    const ranges = JSON.parse(readFileSync(path.join(FONTSOURCE, `${PARTED[script]}/unicode.json`), 'utf8')) as Record<string, string>;
    for (const [name, spec] of Object.entries(ranges)) {
      const part = /^\[(\d+)\]$/.exec(name)?.[1];
      if (!part) continue; // the Latin, Cyrillic and Vietnamese parts: DejaVu Sans draws those
      for (const range of spec.split(',')) {
        const [from, to] = range.trim().replace(/^U\+/i, '').split('-');
        for (let c = parseInt(from!, 16); c <= parseInt(to ?? from!, 16); c += 1) parts.set(c, Number(part));
      }
    }
    partsOf.set(script, parts);
  }
  return parts.get(code);
}

/**
 * The font that draws this letter of the script: the script's own ('bengali'), or for Chinese and
 * Korean the part that holds it ('chinese-117', 'korean-40'); null when Hearth has none (DejaVu Sans is tried).
 */
function fontOf(script: Script, char: string): string | null {
  if (!PARTED[script]) return script;
  const part = partOf(script, char.codePointAt(0)!);
  return part === undefined ? null : `${script}-${part}`;
}

/** The WOFF file of a font named by fontOf. */
export function fontFile(font: string, weight: Weight): string {
  const size = weight === 'bold' ? 700 : 400;
  const parted = /^(\w+)-(\d+)$/.exec(font);
  const family = parted && PARTED[parted[1] as Script];
  if (family) return path.join(FONTSOURCE, `${family}/files/${family}-${parted[2]}-${size}-normal.woff`);
  const own = FAMILY[font as Script] ?? `noto-sans-${font}`;
  return path.join(FONTSOURCE, `${own}/files/${own}-${font}-${size}-normal.woff`);
}

const fontData = new Map<string, Buffer>();

/**
 * The font as a plain OpenType file, unpacked once from Fontsource's WOFF. fontkit reads a WOFF by
 * unpacking a table each time it looks at it: a chronology of 5,000 entries in Urdu took three times
 * as long that way.
 */
export function fontBytes(font: string, weight: Weight): Buffer {
  const file = fontFile(font, weight);
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

const LETTER_OF = SCRIPT_FONTS.map((s) => ({
  script: s.script,
  letter: new RegExp(s.unicode.map((u) => `\\p{Script=${u}}`).join('|'), 'u'),
  shared: new RegExp(s.unicode.map((u) => `\\p{Script_Extensions=${u}}`).join('|'), 'u'),
}));
const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
/** Marks and joiners belong with the letter before them. */
const JOINS_PREVIOUS = /[\p{M}\u200c\u200d]/u;
const STRONG_LEFT_TO_RIGHT = /[\p{L}\p{Nd}]/u;
const DIGITS_ONLY = /^[\p{Nd}.,:/-]+$/u;

/**
 * A piece of a word drawn in one font: `font` names it for fontBytes, or is null for DejaVu Sans,
 * which draws Latin, Greek and Cyrillic; `script` is the writing it belongs to.
 */
export type Run = { text: string; script: Script | null; font: string | null };

/** Chinese and Japanese punctuation, full-width brackets and signs: Noto Sans SC draws them, DejaVu does not. */
const CHINESE_SIGNS = /[\u3000-\u303f\u309b\u309c\u30a0\u30fb\u30fc\u3200-\u33ff\ufe30-\ufe4f\uff00-\uffef]/u;

function scriptOf(char: string, previous: Script | null): Script | null {
  for (const s of LETTER_OF) if (s.letter.test(char)) return s.script;
  if (CHINESE_SIGNS.test(char) && fontOf('chinese', char)) return 'chinese';
  if (previous && (JOINS_PREVIOUS.test(char) || LETTER_OF.find((s) => s.script === previous)!.shared.test(char))) return previous;
  return null;
}

/** A word cut where its font changes. */
export function runsOf(word: string): Run[] {
  const runs: Run[] = [];
  let previous: Script | null = null;
  for (const char of word) {
    const script = scriptOf(char, previous);
    const last = runs[runs.length - 1];
    // A mark or joiner stays in its letter's font; a Chinese or Korean letter goes in the part that holds it.
    const font = script === null ? null : script && PARTED[script] && last?.script === script && JOINS_PREVIOUS.test(char) ? last.font : fontOf(script, char);
    if (last && last.script === script && last.font === font) last.text += char;
    else runs.push({ text: char, script, font });
    previous = script;
  }
  // Numbers read left to right in every script; the font's own layout would turn Arabic-Indic digits round.
  return runs.flatMap((r) => (r.script && SCRIPT_FONTS.find((s) => s.script === r.script)!.rightToLeft && DIGITS_ONLY.test(r.text) ? [...r.text].map((c) => ({ ...r, text: c })) : [r]));
}

/** Whether Hearth must lay this text out itself: a script DejaVu Sans lacks, or writing that runs right to left. */
export function needsOwnLayout(text: string): boolean {
  return LETTER_OF.some((s) => s.letter.test(text));
}

/** Writing that puts no spaces between its words (Tibetan marks the end of each syllable with a tsheg, ་, and a line may break after it). */
const WITHOUT_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const words = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * Where a line may break inside a word written between spaces: nowhere for most writing; for Chinese,
 * Japanese, Thai, Lao, Khmer and Burmese, between its words (found by the Unicode word rules and their
 * dictionaries); for Tibetan, after each syllable's tsheg. A full stop, comma or closing bracket stays with the word before it and an opening
 * bracket with the word after, so no line starts with "。" or ends with "（".
 */
export function breakableParts(word: string): string[] {
  if (!WITHOUT_SPACES.test(word)) return [word];
  const parts: string[] = [];
  let opening = '';
  for (const { segment } of words.segment(word)) {
    if (/^[\p{Ps}\p{Pi}]+$/u.test(segment)) opening += segment;
    else if (!/[\p{L}\p{N}]/u.test(segment) && parts.length > 0 && !opening) parts[parts.length - 1] += segment;
    else {
      parts.push(opening + segment);
      opening = '';
    }
  }
  if (opening) parts.push(opening);
  // Tibetan's non-breaking tsheg (༌) keeps the syllables either side of it on one line.
  return parts.reduce<string[]>((joined, part) => {
    if (joined.length > 0 && joined[joined.length - 1]!.endsWith('\u0F0C')) joined[joined.length - 1] += part;
    else joined.push(part);
    return joined;
  }, []);
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
