import { extractText, getDocumentProxy } from 'unpdf';

/** The text of a PDF, as a reader or screen reader would get it: tests check PDFs by their words. */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return text;
}
