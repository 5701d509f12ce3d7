/**
 * Normalisation of a raw term cell before matching. Roadmap cells come from DOCX/PDF/HTML renderings, so
 * they carry markup (`<p>`, `**bold**`, `&nbsp;`), typographic dashes and quotes, stray spaces and typos.
 * Matching runs on `text` (lower case, `ё`→`е`); `display` is the same string with the original case, used to
 * quote names (`ФГБУ «ФИОКО»`) back to the user. Both come out of the same steps, so offsets agree.
 */

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  laquo: '«',
  raquo: '»',
  quot: '"',
  amp: '&',
  lt: '<',
  gt: '>',
  ndash: '-',
  mdash: '-',
  hellip: '…',
  apos: "'",
  ldquo: '"',
  rdquo: '"',
  bdquo: '"',
  minus: '-',
  shy: '',
};

function decodeEntity(_all: string, body: string): string {
  if (body[0] === '#') {
    const code =
      body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // Out-of-range code points would make String.fromCodePoint throw; parseTerm never throws.
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
  }
  return ENTITIES[body.toLowerCase()] ?? ' ';
}

const TAG = /<\/?[a-zA-Z][^<>]*>/g;
const TYPOGRAPHY =
  /[\u00ad\u200b-\u200d\u2060\ufeff\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u201c-\u201f\u2033]/;
const ODD_SPACE = /[^\S ]| {2}/;

/**
 * Steps that keep case; applied before lower-casing so `display` can be cut with the same offsets. Each step
 * is guarded by a cheap test: most cells are already clean, and this runs for every phrase of every import.
 */
function clean(raw: string, repaired: string[]): string {
  let s = raw;
  if (s.includes('<')) s = s.replace(TAG, ' '); // HTML tags left by the renderer
  if (s.includes('&')) {
    s = s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g, decodeEntity);
    if (s.includes('<')) s = s.replace(TAG, ' '); // escaped twice: `&lt;p&gt;`
  }
  if (s.includes('*') || s.includes('_') || s.includes('`')) s = s.replace(/[*_`]+/g, ' '); // markdown emphasis
  if (TYPOGRAPHY.test(s)) {
    s = s
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '') // soft hyphen, zero-width characters
      .replace(/[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/g, '-') // every dash is a hyphen
      .replace(/[\u201c-\u201f\u2033]/g, '"');
  }
  if (ODD_SPACE.test(s)) s = s.replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ');
  if (/\d/.test(s)) {
    // Typo seen in real roadmaps: `До 01 06.2021` and `01,06.2021` for 01.06.2021; `01. 06. 2021`.
    if (/\d[ ,]\d/.test(s))
      s = s.replace(/(?<!\d)(\d{1,2})(?: |,)(\d{1,2})\.(\d{4})(?!\d)/g, (typo, d, m, y) => {
        repaired.push(typo); // read as intended, but a person should confirm it
        return `${d}.${m}.${y}`;
      });
    if (/\d\. \d/.test(s)) s = s.replace(/(?<!\d)(\d{1,2})\. ?(\d{1,2})\. ?(\d{4})(?!\d)/g, '$1.$2.$3');
    // Year words after a year carry no meaning for the grammar: `2024 г.`, `2024 года`, `2021-2022 годов`,
    // `2023 гг.`, `2024-го года`. `учебный год` is kept (it names an academic year).
    if (/\d{4}[\s-]?[гГхо]/u.test(s))
      s = s.replace(
        /(\d{4})(?:-?(?:го|ого|х))?\s?(?:гг?\.?|годах|годов|годы|года|году|год)(?![\p{L}])/giu,
        '$1',
      );
  }
  if (/ [,;:)]|\( /.test(s)) s = s.replace(/\s*([,;:)])/g, '$1').replace(/\(\s*/g, '(');
  s = s.replace(/^[\s.,;:]+|[\s.,;:]+$/g, '');
  // `Срок:`/`Сроки исполнения -` labels repeat the column header.
  if (s[0] === 'с' || s[0] === 'С')
    s = s.replace(/^срок(?:и)?(?: исполнения| реализации| выполнения)?\s*[:-]\s*/iu, '');
  return s.includes('  ') ? s.replace(/ {2,}/g, ' ').trim() : s.trim();
}

export interface Normalised {
  /** Lower case, `ё`→`е`, `в течении`→`в течение`: what the rules match. */
  text: string;
  /** Same characters as `text` but with the original case, for quoting names. */
  display: string;
  /** Dates written with a typo (`01 06.2021`) that were read as the date they most likely mean. */
  repaired: string[];
}

export function normalise(raw: string): Normalised {
  const repaired: string[] = [];
  let display = clean(String(raw), repaired);
  // The common misspelling `в течении` (the preposition is `в течение`); fix it in both strings.
  if (/течени/iu.test(display)) display = display.replace(/(в\s+течени)и(?![\p{L}])/giu, '$1е');
  if (/[ёЁ]/.test(display)) display = display.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  const text = display.toLowerCase();
  // Lower-casing can change the length of a few exotic characters (İ); then fall back to `text`.
  return { text, display: display.length === text.length ? display : text, repaired };
}
