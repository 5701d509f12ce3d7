/**
 * Bytes → text for plain-text and HTML inputs. Russian documents come as UTF-8, UTF-16 (with BOM) or the
 * legacy single-byte code pages cp1251 (Windows) and cp866 (DOS, old legal-database exports).
 */
import * as iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251' | 'cp866' | 'koi8-r';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Frequent Russian letters; the right code page decodes bytes mostly into these. */
const COMMON = /[оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё]/giu;
const ANY_CYR = /[\u0400-\u04ff]/gu;

function cyrillicScore(text: string): number {
  const cyr = text.match(ANY_CYR)?.length ?? 0;
  if (cyr === 0) return 0;
  const common = text.match(COMMON)?.length ?? 0;
  const lower = text.match(/[а-яё]/gu)?.length ?? 0;
  // Wrong code pages give Cyrillic too, but with rare letters and upper/lower case mixed at random.
  return common / cyr + lower / cyr;
}

export function decodeText(bytes: Uint8Array, declared?: string): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const declaredEnc = normalizeDeclared(declared);
  if (declaredEnc && declaredEnc !== 'utf-8')
    return { text: iconv.decode(Buffer.from(bytes), declaredEnc), encoding: declaredEnc };
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: pick the single-byte code page whose decoding looks most like Russian
  }
  const buf = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  let best: TextEncoding = 'windows-1251';
  let bestScore = -1;
  for (const enc of ['windows-1251', 'cp866', 'koi8-r'] as const) {
    const score = cyrillicScore(iconv.decode(buf, enc));
    if (score > bestScore) {
      best = enc;
      bestScore = score;
    }
  }
  return { text: iconv.decode(Buffer.from(bytes), best), encoding: best };
}

function normalizeDeclared(declared?: string): TextEncoding | null {
  if (!declared) return null;
  const d = declared.trim().toLowerCase();
  if (d === 'utf-8' || d === 'utf8') return 'utf-8';
  if (/^(windows-1251|cp1251|win-1251|x-cp1251)$/.test(d)) return 'windows-1251';
  if (/^(cp866|ibm866|866)$/.test(d)) return 'cp866';
  if (/^koi8-?r$/.test(d)) return 'koi8-r';
  return null;
}

/**
 * Binary data is not a text document: NUL bytes or many control characters in the first kilobytes.
 * (UTF-16 has NULs but is caught by its BOM before this is asked.)
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  if (n === 0) return false;
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / n > 0.02;
}
