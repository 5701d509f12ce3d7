import { createHash } from 'node:crypto';
import { fromBuffer } from 'file-type';
import { ALLOWED_EVIDENCE_MIME, invalid, sanitizeFileName } from '@karta/domain';

/** Multipart parsers hand UTF-8 names over as latin1; undo that when it is what happened. */
export function decodeName(name: string): string {
  if (!/[\u0080-\u00ff]/u.test(name) || /[^\u0000-\u00ff]/u.test(name)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

/**
 * The file-name extensions a person would give each allowed evidence type (for the browser's picker and its
 * early check); the server itself recognises the type by content. `application/x-cfb` is what file-type
 * reports for the pre-2007 Office formats.
 */
export const EVIDENCE_EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'application/msword': ['doc'],
  'application/vnd.ms-excel': ['xls'],
  'application/x-cfb': ['doc', 'xls', 'ppt'],
  'application/rtf': ['rtf'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/tiff': ['tif', 'tiff'],
  'application/zip': ['zip'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
};

/** What an evidence upload may be: the limits the server enforces, from the same config and allow-list. */
export function evidenceUploadLimits(upload: { maxFileBytes: number; maxFiles: number }) {
  const mimeTypes = [...ALLOWED_EVIDENCE_MIME];
  return {
    maxFileBytes: upload.maxFileBytes,
    maxFiles: upload.maxFiles,
    mimeTypes,
    extensions: [...new Set(mimeTypes.flatMap((m) => EVIDENCE_EXTENSIONS[m] ?? []))],
  };
}

export interface InspectedFile {
  fileName: string;
  size: number;
  mimeType: string;
  sha256: string;
  buffer: Buffer;
}

/** Plain text has no magic number: accept it only when it decodes as UTF-8 without control characters. */
function looksLikeText(buffer: Buffer): boolean {
  if (buffer.length === 0) return false;
  const text = buffer.toString('utf8');
  if (text.includes('\uFFFD')) return false;
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/u.test(text);
}

/** Type by content (file-type), checked against the allow-list; name sanitised; sha256 computed. */
export async function inspectUpload(
  file: { originalname: string; buffer: Buffer; size: number },
  maxBytes: number,
): Promise<InspectedFile> {
  const fileName = sanitizeFileName(decodeName(file.originalname));
  if (file.size === 0) throw invalid('empty_file', `Файл «${fileName}» пустой`, { field: 'files' });
  if (file.size > maxBytes) {
    throw invalid('file_too_large', `Файл «${fileName}» больше ${Math.round(maxBytes / 1024 / 1024)} МБ`, {
      field: 'files',
    });
  }
  const detected = await fromBuffer(file.buffer);
  const mimeType =
    detected?.mime ??
    (looksLikeText(file.buffer)
      ? /\.csv$/iu.test(fileName)
        ? 'text/csv'
        : 'text/plain'
      : 'application/octet-stream');
  if (!ALLOWED_EVIDENCE_MIME.has(mimeType)) {
    throw invalid(
      'file_type_not_allowed',
      `Файл «${fileName}»: тип ${mimeType} не принимается (нужны PDF, документы Office/ODF, изображения, архив ZIP или текст)`,
      {
        field: 'files',
      },
    );
  }
  return {
    fileName,
    size: file.size,
    mimeType,
    sha256: createHash('sha256').update(file.buffer).digest('hex'),
    buffer: file.buffer,
  };
}
