import path from 'node:path';
import { openSync, type Font } from 'fontkit';
import PDFDocument from 'pdfkit';

/**
 * Printable documents (a family's version of an assessment, a chronology for court) as real PDFs.
 * DejaVu Sans covers the alphabets families' names and languages use; text stays text (searchable,
 * readable by screen readers, extractable), with the document's title and language set.
 */
const FONT_DIR = path.join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

/** Scripts named for the worker when the PDF cannot show them (Unicode script names), in the order they are checked. */
const SCRIPTS = ([
  { name: 'Arabic script (such as Arabic, Urdu, Farsi or Pashto)', scripts: ['Arabic'], rightToLeft: true },
  { name: 'Hebrew', scripts: ['Hebrew'], rightToLeft: true },
  { name: 'Syriac or Thaana', scripts: ['Syriac', 'Thaana', 'Nko'], rightToLeft: true },
  { name: 'Bengali', scripts: ['Bengali'] },
  { name: 'Gurmukhi (Punjabi)', scripts: ['Gurmukhi'] },
  { name: 'Devanagari (such as Hindi or Nepali)', scripts: ['Devanagari'] },
  { name: 'Gujarati', scripts: ['Gujarati'] },
  { name: 'Tamil', scripts: ['Tamil'] },
  { name: 'Chinese characters', scripts: ['Han'] },
  { name: 'Ethiopic (such as Tigrinya or Amharic)', scripts: ['Ethiopic'] },
] as { name: string; scripts: string[]; rightToLeft?: boolean }[]).map((s) => ({
  ...s,
  /** A letter of the script. */
  test: new RegExp(s.scripts.map((n) => `\\p{Script=${n}}`).join('|'), 'u'),
  /** A mark shared with other scripts and used in this one (the Indic full stop, the Arabic comma). */
  shared: new RegExp(s.scripts.map((n) => `\\p{Script_Extensions=${n}}`).join('|'), 'u'),
}));

let regularFont: Font | null = null;

/**
 * The writing in these texts that a PDF from Hearth cannot show properly, named for the worker (an
 * empty list when it can show it all): letters DejaVu Sans has no shape for, which would print as
 * empty boxes, and right-to-left scripts, which pdfkit lays out left to right (the words would read
 * backwards). Ask before making a PDF for a family, so nobody is handed a page they cannot read.
 */
export function writingPdfCannotShow(texts: string[]): string[] {
  regularFont ??= openSync(REGULAR);
  const found = new Set<string>();
  const others = new Set<string>();
  for (const text of texts) {
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (code < 0x250 || /\s/u.test(char)) continue; // Latin letters, digits and punctuation: always there
      const script = SCRIPTS.find((s) => s.test.test(char));
      if (script) {
        if (script.rightToLeft || !regularFont.hasGlyphForCodePoint(code)) found.add(script.name);
      } else if (!regularFont.hasGlyphForCodePoint(code) && !/[\p{M}\p{Cf}]/u.test(char) && !SCRIPTS.some((s) => s.shared.test(char))) {
        others.add(char);
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
      pdf.font('bold').fontSize(20).text(doc.title);
      if (doc.subtitle) pdf.font('regular').fontSize(11).fillColor('#505a5f').text(doc.subtitle).fillColor('black');
      pdf.moveDown();
      for (const block of doc.blocks) writeBlock(pdf, block);
      const range = pdf.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i += 1) {
        pdf.switchToPage(i);
        const bottom = pdf.page.height - 35;
        pdf.font('regular').fontSize(8).fillColor('#505a5f');
        pdf.text(`${doc.footer ?? doc.title} · page ${i + 1} of ${range.count}`, 50, bottom, { width: pdf.page.width - 100, align: 'center', lineBreak: false });
        pdf.fillColor('black');
      }
      pdf.end();
    } catch (error) {
      reject(error);
    }
  });
}

function writeBlock(pdf: PDFKit.PDFDocument, block: PdfBlock): void {
  const width = pdf.page.width - 100;
  switch (block.kind) {
    case 'heading': {
      const size = block.level === 3 ? 11 : block.level === 2 ? 13 : 16;
      pdf.moveDown(0.5).font('bold').fontSize(size).text(block.text, 50, undefined, { width });
      pdf.moveDown(0.3);
      return;
    }
    case 'paragraph':
      pdf.font('regular').fontSize(10.5).text(block.text, 50, undefined, { width, lineGap: 2 });
      pdf.moveDown(0.5);
      return;
    case 'list':
      pdf.font('regular').fontSize(10.5).list(block.items, 50, undefined, { width, bulletRadius: 2, lineGap: 2 });
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
  const rowHeight = (cells: string[], font: string, size: number) =>
    Math.max(...cells.map((cell, i) => pdf.font(font).fontSize(size).heightOfString(cell || ' ', { width: (widths[i] ?? 50) - pad * 2 }))) + pad * 2;
  const drawRow = (cells: string[], font: string, size: number, shade: boolean) => {
    const height = rowHeight(cells, font, size);
    if (pdf.y + height > pdf.page.height - 60) pdf.addPage();
    const top = pdf.y;
    let x = 50;
    if (shade) pdf.rect(50, top, total, height).fill('#f3f2f1').fillColor('black');
    cells.forEach((cell, i) => {
      pdf.font(font).fontSize(size).text(cell || '', x + pad, top + pad, { width: (widths[i] ?? 50) - pad * 2 });
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
