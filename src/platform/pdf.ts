import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { create, openSync, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';
import { breakableParts, directionOf, fontBytes, needsOwnLayout, paragraphDirection, runsOf, visualOrder, type Direction, type Script, type Weight } from './pdfWriting';

/**
 * Printable documents (a family's version of an assessment, a chronology for court) as real PDFs.
 * DejaVu Sans draws Latin, Greek and Cyrillic alphabets; Noto Sans fonts draw Arabic script, Hebrew,
 * the scripts of South Asia, Thai, Lao, Khmer, Burmese, Ethiopic, Chinese and Korean, and Noto Serif
 * Tibetan draws Tibetan (see pdfWriting.ts). Text stays text
 * (searchable, readable by screen readers, extractable), with the document's title and language set.
 */
const FONT_DIR = path.join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/**
 * Writing Hearth has no font for, or not for every letter (a rare Chinese character), named for the
 * worker when the PDF cannot show it (Unicode script names). The scripts in SCRIPT_FONTS are drawn.
 */
const SCRIPTS = ([
  { name: 'Korean', scripts: ['Hangul'] },
  { name: 'Chinese characters', scripts: ['Han', 'Bopomofo'] },
  { name: 'Japanese', scripts: ['Hiragana', 'Katakana'] },
  { name: 'Tibetan', scripts: ['Tibetan'] },
  { name: 'Mongolian', scripts: ['Mongolian'] },
  { name: 'Syriac or Thaana', scripts: ['Syriac', 'Thaana', 'Nko'] },
] as { name: string; scripts: string[] }[]).map((s) => ({
  ...s,
  /** A letter of the script, or a mark used with it (the ideographic full stop). */
  test: new RegExp(s.scripts.map((n) => `\\p{Script_Extensions=${n}}`).join('|'), 'u'),
}));

const fontkitFonts = new Map<string, Font>();
/** DejaVu Sans (null), or a Noto font named by runsOf, as fontkit reads it (kept once opened). */
function fontkitFont(name: string | null, weight: Weight = 'regular'): Font {
  const key = `${name ?? 'dejavu'} ${weight}`;
  let font = fontkitFonts.get(key);
  if (!font) fontkitFonts.set(key, (font = name ? create(fontBytes(name, weight)) : openSync(weight === 'bold' ? BOLD : REGULAR)));
  return font;
}

/**
 * The writing in these texts that a PDF from Hearth cannot show properly, named for the worker (an
 * empty list when it can show it all): letters that neither DejaVu Sans nor Hearth's Noto Sans fonts
 * have a shape for, which would print as empty boxes. Ask before making a PDF for a family, so nobody
 * is handed a page they cannot read.
 */
export function writingPdfCannotShow(texts: string[]): string[] {
  const found = new Set<string>();
  const others = new Set<string>();
  for (const text of texts) {
    for (const run of runsOf(text.normalize('NFC'))) {
      const font = fontkitFont(run.font);
      for (const char of run.text) {
        const code = char.codePointAt(0)!;
        if (code < 0x250 || /[\s\p{M}\p{Cf}]/u.test(char) || font.hasGlyphForCodePoint(code)) continue;
        const script = SCRIPTS.find((s) => s.test.test(char));
        if (script) found.add(script.name);
        else others.add(char);
      }
    }
  }
  const names = SCRIPTS.filter((s) => found.has(s.name)).map((s) => s.name);
  if (others.size > 0) names.push(`other characters (such as ${[...others].slice(0, 3).join(' ')})`);
  return names;
}

export type PdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 | 3 }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][]; widths?: number[] };

export type PdfDocument = { title: string; subtitle?: string; language?: string; footer?: string; blocks: PdfBlock[] };

type PdfJob = { resolve: (pdf: Buffer) => void; reject: (error: Error) => void };
let worker: Worker | null = null;
const jobs = new Map<number, PdfJob>();
let nextJob = 1;

/**
 * Draws the PDF on its own thread (pdfWorker.ts), so the server goes on answering other users while a
 * long chronology is drawn. One thread, started when first needed: the PDFs queue there rather than
 * take every core. If the thread fails, the PDFs it was drawing fail with an error and the next starts
 * a new one.
 */
export function makePdf(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const id = nextJob++;
    jobs.set(id, { resolve, reject });
    const thread = pdfThread();
    thread.ref(); // while a PDF is being drawn, wait for it
    try {
      thread.postMessage({ id, doc });
    } catch (error) {
      jobs.delete(id);
      if (jobs.size === 0) thread.unref();
      throw error; // a document that cannot be sent (rejects this PDF only)
    }
  });
}

function pdfThread(): Worker {
  if (worker) return worker;
  // The thread loads TypeScript as the server does (tsx), then the worker's module.
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./pdfWorker.ts', import.meta.url).href)}); })`;
  const started = new Worker(boot, { eval: true });
  started.unref(); // a waiting thread does not keep the server, a test or a command running
  started.on('message', (reply: { id: number; pdf?: Uint8Array; error?: string }) => {
    const job = jobs.get(reply.id);
    jobs.delete(reply.id);
    if (jobs.size === 0) started.unref();
    if (!job) return;
    if (reply.pdf) job.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    else job.reject(new Error(`The PDF could not be made: ${reply.error ?? 'unknown error'}`));
  });
  const fail = (error: Error) => {
    if (worker === started) worker = null;
    for (const job of jobs.values()) job.reject(error);
    jobs.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`The PDF thread stopped (exit code ${code})`)));
  worker = started;
  return started;
}

export function renderPdf(doc: PdfDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 50,
      bufferPages: true,
      lang: doc.language ?? 'en-GB',
      displayTitle: true,
      info: { Title: doc.title, Creator: 'Hearth' },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      pdf.registerFont('regular', REGULAR);
      pdf.registerFont('bold', BOLD);
      const width = pdf.page.width - 100;
      writeText(pdf, doc.title, { weight: 'bold', size: 20, x: 50, width });
      if (doc.subtitle) {
        pdf.fillColor('#505a5f');
        writeText(pdf, doc.subtitle, { weight: 'regular', size: 11, x: 50, width });
        pdf.fillColor('black');
      }
      pdf.moveDown();
      for (const block of doc.blocks) writeBlock(pdf, block);
      const range = pdf.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i += 1) {
        pdf.switchToPage(i);
        pdf.fillColor('#505a5f');
        pdf.y = pdf.page.height - 35;
        writeText(pdf, `${doc.footer ?? doc.title} · page ${i + 1} of ${range.count}`, { weight: 'regular', size: 8, x: 50, width, align: 'center', oneLine: true });
        pdf.fillColor('black');
      }
      pdf.end();
    } catch (error) {
      reject(error);
    }
  });
}

type TextStyle = { weight: Weight; size: number; x: number; width: number; lineGap?: number; align?: 'center'; oneLine?: boolean; noPageBreak?: boolean };

/** A piece of a word in one font (its name in this PDF), with its width at the style's size. */
type Piece = { text: string; script: Script | null; font: string; features?: Record<string, boolean>; width: number };
type Word = { text: string; pieces: Piece[]; width: number; direction: Direction };
/** A word on a line: `joined` when it follows the one before with no space (Chinese, Thai), `at` its place in the writing. */
type Placed = Word & { joined: boolean; at: number };

/**
 * Writes text at pdf.y and moves pdf.y below it; gives the distance from the top to the first line's
 * baseline. Text in DejaVu's alphabets goes to pdfkit as it is; text with other scripts is laid out
 * here (see layoutLines).
 */
function writeText(pdf: PDFKit.PDFDocument, written: string, style: TextStyle): number {
  const text = written.normalize('NFC'); // Korean typed as separate letters (ᄋ ᅡ ᆫ) drawn as the syllables they make (안)
  if (!needsOwnLayout(text)) {
    const baseline = ascentOf(pdf, style.weight, style.size);
    pdf.font(style.weight).fontSize(style.size);
    if (style.oneLine) pdf.text(text, style.x, pdf.y, { width: style.width, align: style.align ?? 'left', lineBreak: false });
    else pdf.text(text, style.x, pdf.y, { width: style.width, lineGap: style.lineGap ?? 0, align: style.align ?? 'left' });
    pdf.x = style.x;
    return baseline;
  }
  const direction = paragraphDirection(text);
  const lines = layoutLines(pdf, text, style);
  for (const line of lines) {
    if (!style.noPageBreak && !style.oneLine && pdf.y + line.height > pdf.page.height - 60) pdf.addPage();
    const top = pdf.y;
    const ordered = visualOrder(line.words, (w) => w.direction, direction);
    const gaps = ordered.map((w, i) => (i === 0 ? 0 : gapBetween(ordered[i - 1]!, w, line.space)));
    const used = ordered.reduce((sum, w, i) => sum + w.width + gaps[i]!, 0);
    let x = style.align === 'center' ? style.x + (style.width - used) / 2 : direction === 'rtl' ? style.x + style.width - used : style.x;
    ordered.forEach((word, i) => {
      x += gaps[i]!;
      for (const piece of word.direction === 'rtl' ? [...word.pieces].reverse() : word.pieces) {
        pdf.font(piece.font).fontSize(style.size);
        const text = word.direction === 'rtl' && piece.script === null ? mirrored(piece.text) : piece.text;
        drawAsWritten(pdf, piece.text, () => pdf.text(text, x, top + line.ascent, { lineBreak: false, baseline: 'alphabetic', features: piece.features as never }));
        x += piece.width;
      }
    });
    pdf.y = top + line.height;
    if (style.oneLine) break;
  }
  pdf.x = style.x;
  return lines[0]?.ascent ?? 0;
}

/**
 * Draws a piece of text with its letters as written attached (an ActualText span), for copying and for
 * screen readers: the glyphs are in the order they are drawn, which is not the order of the letters in
 * right-to-left writing or where a vowel sign goes before its consonant. The span goes inside the text's
 * own drawing state (pdfkit turns the page's coordinates round for each piece of text): outside it,
 * readers such as Poppler read each word as a line of its own, the last word first.
 */
function drawAsWritten(pdf: PDFKit.PDFDocument, actual: string, draw: () => void): void {
  const doc = pdf as unknown as { addContent: (data: string) => PDFKit.PDFDocument };
  const own = doc.addContent;
  const ownProperty = Object.hasOwn(doc, 'addContent');
  let open = false;
  doc.addContent = (data: string) => {
    if (!open && data === 'BT') {
      open = true;
      pdf.markContent('Span', { actual });
    }
    own.call(pdf, data);
    if (open && data === 'ET') pdf.endMarkedContent();
    return pdf;
  };
  try {
    draw();
  } finally {
    if (ownProperty) doc.addContent = own;
    else delete (doc as { addContent?: unknown }).addContent; // pdfkit's own again
  }
}

/** The space between two words side by side on the page: none between the parts of one Chinese or Thai word-run. */
function gapBetween(left: Placed, right: Placed, space: number): number {
  const later = left.at > right.at ? left : right;
  return Math.abs(left.at - right.at) === 1 && later.joined ? 0 : space;
}

/** How far above the baseline a font reaches at this size (pdfkit keeps it per 1,000 units). */
function ascentOf(pdf: PDFKit.PDFDocument, font: string, size: number): number {
  return ((pdf.font(font) as unknown as { _font: { ascender: number } })._font.ascender / 1000) * size;
}

function descentOf(pdf: PDFKit.PDFDocument, font: string, size: number): number {
  return (-(pdf.font(font) as unknown as { _font: { descender: number } })._font.descender / 1000) * size;
}

const MIRRORS: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };
/** Brackets in right-to-left writing face the other way (Unicode's mirrored characters); DejaVu's pieces are drawn as they are. */
function mirrored(text: string): string {
  return [...text].map((c) => MIRRORS[c] ?? c).join('');
}

/** The height writeText would take for this text. */
function heightOfText(pdf: PDFKit.PDFDocument, written: string, style: TextStyle): number {
  const text = written.normalize('NFC');
  if (!needsOwnLayout(text)) return pdf.font(style.weight).fontSize(style.size).heightOfString(text || ' ', { width: style.width, lineGap: style.lineGap ?? 0 });
  return layoutLines(pdf, text, style).reduce((sum, line) => sum + line.height, 0);
}

type Line = { words: Placed[]; space: number; ascent: number; height: number };

/**
 * The text's lines, each word cut into pieces by font, broken at spaces (and between the words of
 * writing without spaces) to fit the width. Each line is as tall as its tallest font (Noto's Arabic,
 * Indic and Chinese fonts reach higher than DejaVu), with every piece on one baseline.
 */
function layoutLines(pdf: PDFKit.PDFDocument, text: string, style: TextStyle): Line[] {
  const space = pdf.font(style.weight).fontSize(style.size).widthOfString(' ');
  const lines: Line[] = [];
  for (const paragraph of text.split('\n')) {
    let words: Placed[] = [];
    let width = 0;
    let at = 0;
    const finish = () => {
      const fonts = new Set(['regular', ...words.flatMap((w) => w.pieces.map((p) => p.font))]);
      let ascent = 0;
      let descent = 0;
      for (const font of fonts) {
        ascent = Math.max(ascent, ascentOf(pdf, font, style.size));
        descent = Math.max(descent, descentOf(pdf, font, style.size));
      }
      lines.push({ words, space, ascent, height: ascent + descent + (style.lineGap ?? 0) });
      words = [];
      width = 0;
    };
    for (const raw of paragraph.split(/\s+/).filter(Boolean)) {
      breakableParts(raw).forEach((part, i) => {
        const word: Placed = { ...measureWord(pdf, part, style), joined: i > 0, at: at++ };
        const gap = words.length > 0 && !word.joined ? space : 0;
        if (words.length > 0 && width + gap + word.width > style.width) finish(); // the word starts the next line
        width += (words.length > 0 ? gap : 0) + word.width;
        words.push(word);
      });
    }
    finish();
  }
  return lines;
}

/** Each document's measured words, by weight, size and word: a chronology repeats its words thousands of times. */
const measured = new WeakMap<PDFKit.PDFDocument, Map<string, Word>>();

function measureWord(pdf: PDFKit.PDFDocument, word: string, style: TextStyle): Word {
  let words = measured.get(pdf);
  if (!words) measured.set(pdf, (words = new Map()));
  const key = `${style.weight} ${style.size} ${word}`;
  let found = words.get(key);
  if (!found) words.set(key, (found = measureNewWord(pdf, word, style)));
  return found;
}

function measureNewWord(pdf: PDFKit.PDFDocument, word: string, style: TextStyle): Word {
  const pieces = runsOf(word).map((run) => {
    const font = run.font ? useFont(pdf, run.font, style.weight) : style.weight;
    const features = run.font ? featuresFor(run.font, style.weight, run.text) : undefined;
    const width = pdf.font(font).fontSize(style.size).widthOfString(run.text, { features: features as never });
    return { text: run.text, script: run.script, font, features, width };
  });
  return { text: word, pieces, width: pieces.reduce((sum, p) => sum + p.width, 0), direction: directionOf(word) };
}

/** Each document's Noto fonts, given to pdfkit when first used: a PDF holds only the fonts (and the parts of Noto Sans SC) it needs. */
const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();

function useFont(pdf: PDFKit.PDFDocument, font: string, weight: Weight): string {
  const name = `${font}-${weight}`;
  let names = registered.get(pdf);
  if (!names) registered.set(pdf, (names = new Set()));
  if (!names.has(name)) {
    pdf.registerFont(name, fontBytes(font, weight));
    names.add(name);
  }
  return name;
}

/**
 * fontkit stops on some mark positions in Noto Sans Gurmukhi (an anchor the font leaves empty). Then
 * the word is drawn without the above-base and below-base mark positioning: the marks sit where the
 * font draws them by default, still readable, rather than no PDF at all.
 */
const WITHOUT_MARK_POSITIONS: Record<string, boolean>[] = [{ abvm: false, blwm: false }, { abvm: false, blwm: false, mark: false, mkmk: false }];
const featuresFound = new Map<string, Record<string, boolean> | undefined>();
function featuresFor(font: string, weight: Weight, text: string): Record<string, boolean> | undefined {
  const key = `${font} ${weight} ${text}`;
  if (featuresFound.has(key)) return featuresFound.get(key);
  if (featuresFound.size > 50_000) featuresFound.clear(); // words seen lately; a long-running server keeps no more
  const features = tryLayouts(font, weight, text);
  featuresFound.set(key, features);
  return features;
}

function tryLayouts(font: string, weight: Weight, text: string): Record<string, boolean> | undefined {
  const fontkit = fontkitFont(font, weight);
  for (const features of [undefined, ...WITHOUT_MARK_POSITIONS]) {
    try {
      fontkit.layout(text, features);
      return features;
    } catch {
      // try the next, plainer layout
    }
  }
  throw new Error(`The ${font} font cannot lay out this text`);
}

function writeBlock(pdf: PDFKit.PDFDocument, block: PdfBlock): void {
  const width = pdf.page.width - 100;
  switch (block.kind) {
    case 'heading': {
      const size = block.level === 3 ? 11 : block.level === 2 ? 13 : 16;
      pdf.moveDown(0.5);
      writeText(pdf, block.text, { weight: 'bold', size, x: 50, width });
      pdf.moveDown(0.3);
      return;
    }
    case 'paragraph':
      writeText(pdf, block.text, { weight: 'regular', size: 10.5, x: 50, width, lineGap: 2 });
      pdf.moveDown(0.5);
      return;
    case 'list':
      for (const item of block.items) {
        const rightToLeft = paragraphDirection(item) === 'rtl';
        const style: TextStyle = { weight: 'regular', size: 10.5, x: rightToLeft ? 50 : 62, width: width - 12, lineGap: 2 };
        if (pdf.y + heightOfText(pdf, item.split(/\s+/)[0] ?? ' ', style) > pdf.page.height - 60) pdf.addPage();
        const top = pdf.y;
        const baseline = writeText(pdf, item, style);
        pdf.circle(rightToLeft ? 50 + width - 4 : 54, top + baseline - 10.5 * 0.3, 2).fill('black');
        pdf.y = Math.max(pdf.y, top + 10.5);
      }
      pdf.x = 50;
      pdf.moveDown(0.5);
      return;
    case 'table':
      writeTable(pdf, block);
      return;
  }
}

function writeTable(pdf: PDFKit.PDFDocument, table: Extract<PdfBlock, { kind: 'table' }>): void {
  const total = pdf.page.width - 100;
  const shares = table.widths ?? table.head.map(() => 1);
  const sum = shares.reduce((a, b) => a + b, 0);
  const widths = shares.map((s) => (s / sum) * total);
  const pad = 4;
  const cellStyle = (weight: Weight, size: number, x: number, i: number): TextStyle => ({ weight, size, x: x + pad, width: (widths[i] ?? 50) - pad * 2, noPageBreak: true });
  const rowHeight = (cells: string[], weight: Weight, size: number) => Math.max(...cells.map((cell, i) => heightOfText(pdf, cell || ' ', cellStyle(weight, size, 0, i)))) + pad * 2;
  const drawRow = (cells: string[], weight: Weight, size: number, shade: boolean) => {
    const height = rowHeight(cells, weight, size);
    if (pdf.y + height > pdf.page.height - 60) pdf.addPage();
    const top = pdf.y;
    let x = 50;
    if (shade) pdf.rect(50, top, total, height).fill('#f3f2f1').fillColor('black');
    cells.forEach((cell, i) => {
      pdf.y = top + pad;
      writeText(pdf, cell || '', cellStyle(weight, size, x, i));
      x += widths[i] ?? 50;
    });
    pdf.moveTo(50, top + height).lineTo(50 + total, top + height).strokeColor('#b1b4b6').stroke();
    pdf.x = 50;
    pdf.y = top + height;
  };
  drawRow(table.head, 'bold', 9.5, true);
  for (const row of table.rows) drawRow(row, 'regular', 9.5, false);
  pdf.moveDown();
}
