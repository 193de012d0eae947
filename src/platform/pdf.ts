import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * Printable documents (a family's version of an assessment, a chronology for court) as real PDFs.
 * DejaVu Sans covers the alphabets families' names and languages use; text stays text (searchable,
 * readable by screen readers, extractable), with the document's title and language set.
 */
const FONT_DIR = path.join(process.cwd(), 'node_modules/dejavu-fonts-ttf/ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

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
