/**
 * `--format auto`: the format is read from the bytes, never from the file name (roadmaps travel as
 * `.doc` that are really DOCX, `.xls` that are HTML, and so on).
 */
import { ImportError } from './errors';
import { looksBinary } from './decode';
import type { ImportFormat } from './types';

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  Buffer.from(bytes.subarray(from, Math.min(to, bytes.length))).toString('latin1');

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Names of the parts a ZIP holds, read from its local headers (still present when the file is truncated). */
function zipKind(bytes: Uint8Array): 'docx' | 'xlsx' | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf('word/') >= 0) return 'docx';
  if (buf.indexOf('xl/') >= 0) return 'xlsx';
  return null;
}

export function detectFormat(bytes: Uint8Array): ImportFormat {
  if (bytes.length === 0) throw new ImportError('empty', 'Файл пуст — the file is empty');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const kind = zipKind(bytes);
    if (kind) return kind;
    throw new ImportError(
      'unsupported',
      'ZIP-архив, но не DOCX и не XLSX — a ZIP archive that is neither DOCX nor XLSX (ODT/ODS: save as DOCX/XLSX)',
    );
  }
  const head = ascii(bytes, 0, 1024);
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new ImportError(
      'unsupported',
      'Старый формат Word/Excel (.doc/.xls) не поддерживается, сохраните как DOCX/XLSX — legacy .doc/.xls is not supported',
    );
  }
  if (head.startsWith('{\\rtf')) {
    throw new ImportError(
      'unsupported',
      'RTF не поддерживается, сохраните как DOCX — RTF is not supported, save as DOCX',
    );
  }
  if (looksHtml(bytes)) return 'html';
  if (looksBinary(bytes)) {
    throw new ImportError(
      'binary',
      'Это не документ: двоичные данные — not a document: binary data of unknown format',
    );
  }
  return 'text';
}

/**
 * HTML only when it says so up front or carries table markup: text copies of roadmaps contain stray
 * `<p>`, `<b>` and `<ul><li>` inside cells and must stay text.
 */
function looksHtml(bytes: Uint8Array): boolean {
  const head = ascii(bytes, 0, 4096)
    .replace(/^\ufeff|^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(?:!doctype\s+html|html|head|body|meta|table|\?xml[^>]*>\s*<html)/.test(head)) return true;
  const sample = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256 * 1024));
  const has = (tag: string) => sample.indexOf(`<${tag}`) >= 0 || sample.indexOf(`<${tag.toUpperCase()}`) >= 0;
  return has('table') && has('tr') && (has('td') || has('th'));
}
