import { createHash } from 'node:crypto';
import { fromBuffer } from 'file-type';
import { ALLOWED_EVIDENCE_MIME, invalid, sanitizeFileName } from '@karta/domain';

/** Multipart parsers hand UTF-8 names over as latin1; undo that when it is what happened. */
export function decodeName(name: string): string {
  if (!/[\u0080-\u00ff]/u.test(name) || /[^\u0000-\u00ff]/u.test(name)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
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
