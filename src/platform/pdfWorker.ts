/**
 * The thread that draws PDFs (see makePdf in pdf.ts): a chronology of 5,000 entries takes seconds to
 * draw, and on the server's own thread every other user's page would wait for it.
 */
import { parentPort } from 'node:worker_threads';
import { renderPdf, type PdfDocument } from './pdf';

parentPort?.on('message', (job: { id: number; doc: PdfDocument }) => {
  renderPdf(job.doc).then(
    (pdf) => parentPort?.postMessage({ id: job.id, pdf }),
    (error: unknown) => parentPort?.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
