/**
 * PDF with a text layer. pdfjs-dist extracts positioned text and drawn lines in a worker thread
 * (pdf-extract.mjs); pdf-layout.ts rebuilds tables from the rulings. A PDF without any text is a scan
 * and is refused with a clear message; a runaway document is stopped after `timeoutMs`.
 */
import { join } from 'path';
import { Worker } from 'worker_threads';
import { ImportError } from '../errors';
import type { Progress, SourceDocument } from '../model';
import { layoutPdf, type PdfPage } from './pdf-layout';

export const DEFAULT_PDF_TIMEOUT_MS = 30_000;

type WorkerMessage =
  | { type: 'start'; pages: number }
  | { type: 'page'; page: PdfPage }
  | { type: 'done' }
  | { type: 'error'; name: string; message: string };

function extract(bytes: Uint8Array, timeoutMs: number, progress?: Progress): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const copy = new Uint8Array(bytes); // pdfjs takes ownership of its buffer
    const worker = new Worker(join(__dirname, 'pdf-extract.mjs'), {
      workerData: { bytes: copy },
      transferList: [copy.buffer],
      // a runaway document exhausts the worker's heap, not the caller's
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
    });
    const pages: PdfPage[] = [];
    let total = 0;
    let settled = false;
    const finish = (err: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      if (err) reject(err);
      else resolve(pages);
    };
    const timer = setTimeout(
      () =>
        finish(
          new ImportError(
            'timeout',
            `PDF не прочитан за ${Math.round(timeoutMs / 1000)} с — reading the PDF took too long`,
          ),
        ),
      timeoutMs,
    );
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'start') total = m.pages;
      else if (m.type === 'page') {
        pages.push(m.page);
        if (total) progress?.(pages.length / total);
      } else if (m.type === 'done') finish(null);
      else finish(pdfError(m.name, m.message));
    });
    worker.on('error', (e) => finish(pdfError(e.name, e.message)));
    worker.on('exit', (code) => finish(code === 0 ? null : pdfError('Error', `worker exited with ${code}`)));
  });
}

function pdfError(name: string, message: string): ImportError {
  if (name === 'PasswordException') {
    return new ImportError('encrypted', 'PDF защищён паролем — the PDF is password-protected');
  }
  return new ImportError(
    'damaged',
    `PDF повреждён или не читается — the PDF is damaged or unreadable (${message})`,
  );
}

/** A complete PDF ends with `%%EOF`; without it the file was cut short and any table read from it would be partial. */
function assertComplete(bytes: Uint8Array): void {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw new ImportError(
      'damaged',
      'PDF обрезан (нет конца файла) — the PDF is truncated (no end-of-file marker)',
    );
  }
}

export async function readPdf(
  bytes: Uint8Array,
  opts: { timeoutMs?: number; progress?: Progress } = {},
): Promise<SourceDocument> {
  assertComplete(bytes);
  const pages = await extract(bytes, opts.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS, opts.progress);
  if (!pages.some((p) => p.items.some((i) => i.str.trim() !== ''))) {
    throw new ImportError(
      'no_text_layer',
      'В PDF нет текстового слоя (скан?): распознайте текст, например ocrmypdf -l rus — the PDF has no text layer (a scan?); run OCR first',
    );
  }
  return layoutPdf(pages);
}
