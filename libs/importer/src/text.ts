/**
 * Small text helpers shared by every stage. Russian needs `\p{L}` with the `u` flag: `\w` and `\b`
 * know no Cyrillic.
 */

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  bull: '•',
  middot: '·',
  shy: '',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  times: '×',
  nbhy: '-',
};

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

const BLOCK_TAG = /<\/?(?:p|div|li|ul|ol|br|tr|td|th|h[1-6]|table|tbody|thead|section|article)\b[^>]*>/gi;

/** HTML remnants (`<p>`, `<ul><li>`, `<b>`, `<u>`) to plain text; block tags become spaces so words never glue. */
export function htmlToText(s: string): string {
  if (!s.includes('<') && !s.includes('&')) return s;
  return decodeEntities(
    s
      .replace(/<!--[\s\S]*?-->/g, ' ')
      // a list item shows its bullet; copies that kept the bullet as text (`<li>• …`) are left as they are
      .replace(/<li\b[^>]*>(?!\s*(?:[•·▪‣◦●○■-]|&bull;|\d+[.)]))/gi, ' • ')
      .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
      .replace(BLOCK_TAG, ' ')
      .replace(/<\/?[a-z][a-z0-9:-]*\b[^>]*>/gi, ''),
  );
}

/** Collapses white space (incl. no-break and zero-width) to single spaces and trims. */
export function collapse(s: string): string {
  return s
    .replace(/[\u00a0\u2007\u202f\t\r\n\f\v\u2028\u2029 ]+/g, ' ')
    .replace(/\u200b|\u200c|\u200d|\ufeff|\u00ad/g, '')
    .trim();
}

/** Markdown emphasis left by converters: `**bold**`, `__x__`, leading `#` headings. */
export function stripMarkdown(s: string): string {
  return s
    .replace(/^\s*#{1,6}\s+/, '')
    .replace(/\*\*/g, '')
    .replace(/(^|\s)__(\S[^_]*?)__(?=\s|$)/g, '$1$2');
}

/** A cell or paragraph as plain, single-spaced text. */
export function cleanText(s: string): string {
  return collapse(stripMarkdown(htmlToText(s)));
}

/** True when the whole cell is emphasised (`**…**`, `<b>…</b>`, `<strong>`), as section rows are. */
export function isWhollyBold(raw: string): boolean {
  const t = raw.trim();
  if (!t) return false;
  if (/^\*\*[\s\S]+\*\*$/.test(t)) return true;
  const m = /^(?:<p\b[^>]*>\s*)?<(b|strong)\b[^>]*>([\s\S]*)<\/\1>(?:\s*<\/p>)?$/i.exec(t);
  return !!m && !/<\/(?:b|strong)>/i.test(m[2]!);
}

/**
 * Joins two fragments of one cell split by a page break or a wrapped line. A word broken with a hyphen
 * (`учебно-` + `методическое`) joins without a space; Russian compounds keep the hyphen.
 */
export function joinFragments(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  if (/\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b)) return a + b;
  if (/^[),.;:!?»]/u.test(b)) return a + b; // `(соисполнители` + `)`
  return `${a} ${b}`;
}

/** First letter-or-digit character, skipping white space and opening punctuation. */
function firstSignificant(s: string): string | undefined {
  for (const ch of s) {
    if (/[\p{L}\p{N}]/u.test(ch)) return ch;
    if (/[«"„“'(\s]/u.test(ch)) continue;
    return ch;
  }
  return undefined;
}

/** The text starts in lower case (`том числе…`, `(комплексы мер…`): the tail of something before it. */
export function startsLowercase(s: string): boolean {
  const t = s.trimStart();
  if (/^[«"„“]/u.test(t)) return false; // a quoted name opens with a capital by convention, e.g. «Траектория»
  const ch = firstSignificant(t);
  return !!ch && /\p{Ll}/u.test(ch);
}

/** An item of an in-cell list: `• …`, `- …`, `4) …`, `б) …`. */
export function startsWithListMarker(s: string): boolean {
  return /^\s*(?:[•·▪‣◦●○■□➢►✓]|[-–—*](?=\s)|\d{1,2}\)|\p{Ll}\))/u.test(s);
}

/** `1`, `1.`, `1.2.3`, `1.2.3.` */
export function isNumberLike(s: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3})*\.?$/.test(s.trim());
}

/** A leading activity number inside a title (`1.1.2. Утверждено…`, `2.1.5.Разработаны…`). */
export function splitLeadingNumber(s: string): { number: string; rest: string } | null {
  const m =
    /^(\d{1,3}(?:\.\d{1,3})+\.?)\s*(?=[\p{L}«"(])/u.exec(s) ?? /^(\d{1,3}\.)\s+(?=[\p{Lu}«"])/u.exec(s);
  if (!m) return null;
  return { number: m[1]!, rest: s.slice(m[0].length).trim() };
}

/** Numbers of an activity number, `1.2.10.` → [1, 2, 10]. */
export function numberParts(n: string): number[] {
  return n
    .split('.')
    .filter((x) => x !== '')
    .map((x) => Number(x));
}

/** Rows of border drawing only (`-- -- --`, `+----+`, `═══`): table decoration, not content. */
export function isRuleText(s: string): boolean {
  return /^[-\s–—_=+|¦│┃─━═┼╋╬┌┐└┘├┤┬┴╔╗╚╝╠╣╦╩.:]*$/u.test(s) && /[-–—_=─━═]/u.test(s);
}

/** The first `n` words, for messages that must stay on one line. */
export function firstWords(s: string, n: number): string {
  const words = s.split(' ');
  return words.length <= n ? s : `${words.slice(0, n).join(' ')}…`;
}

/** Russian month names in the genitive (`мая`) and nominative (`май`), 1-based. */
export const MONTHS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^январ/u, 1],
  [/^феврал/u, 2],
  [/^март/u, 3],
  [/^апрел/u, 4],
  [/^ма[йя]/u, 5],
  [/^июн/u, 6],
  [/^июл/u, 7],
  [/^август/u, 8],
  [/^сентябр/u, 9],
  [/^октябр/u, 10],
  [/^ноябр/u, 11],
  [/^декабр/u, 12],
];

export function monthNumber(word: string): number | null {
  const w = word.toLowerCase();
  for (const [re, n] of MONTHS) if (re.test(w)) return n;
  return null;
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `31.05.2023`, `«31» мая 2023 г.`, `27 июля 2021 г.` → ISO date, or null. */
export function parseRussianDate(s: string): string | null {
  let m = /(\d{1,2})\s*\.\s*(\d{1,2})\s*\.\s*(\d{4})/.exec(s);
  if (m) return isoDate(+m[3]!, +m[2]!, +m[1]!);
  m = /[«"]?(\d{1,2})[»"]?\s+(\p{L}+)\s+(\d{4})/u.exec(s);
  if (m) {
    const month = monthNumber(m[2]!);
    if (month) return isoDate(+m[3]!, month, +m[1]!);
  }
  return null;
}

export function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}
