/** What executors may upload: documents, tables, scans and archives, recognised by content, not by name. */
export const ALLOWED_EVIDENCE_MIME = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/msword',
  'application/vnd.ms-excel',
  'application/x-cfb',
  'application/rtf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'application/zip',
  'text/plain',
  'text/csv',
]);

/** Keeps letters (Cyrillic too), digits, dot, dash, underscore and spaces; no paths, no control characters. */
export function sanitizeFileName(name: string, fallback = 'file'): string {
  const base = name.replace(/\\/g, '/').split('/').pop() ?? '';
  const clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/[^\p{L}\p{N}._\- ()№]/gu, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[.\s]+/u, '')
    .trim();
  const limited = clean.length > 150 ? clean.slice(0, 110) + clean.slice(-40) : clean;
  return limited || fallback;
}

/** Results that are an order or a protocol: the evidence form also asks for its number and date. */
export function expectsDocumentDetails(result: string | null | undefined): boolean {
  return !!result && /(приказ|протокол|распоряжени|распорядительн|постановлени)/iu.test(result);
}
