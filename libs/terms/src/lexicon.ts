/**
 * Russian words the term grammar needs, keyed by stem so every case form matches: `январь`, `января`,
 * `январе` (and `май`, `мая`, `мае`). Ordinals cover digits, Roman numerals and words, with the
 * endings roadmaps write (`1-й`, `1-е`, `первое`, `I`).
 */

/** Month stems in calendar order; a month word is a stem plus an optional case ending. */
export const MONTH_PATTERN =
  '(январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек)\\.?';

const MONTH_STEMS: Array<[string, number]> = [
  ['янв', 1], ['фев', 2], ['мар', 3], ['апр', 4], ['ма', 5], ['июн', 6],
  ['июл', 7], ['авг', 8], ['сен', 9], ['окт', 10], ['ноя', 11], ['дек', 12],
];

/** Month number of a word matched by MONTH_PATTERN (lower case). */
export function monthNumber(word: string): number {
  for (const [stem, n] of MONTH_STEMS) if (word.startsWith(stem)) return n;
  return 0;
}

/** Ordinal of a quarter or half-year: digits, Roman numerals, words. */
export const ORDINAL_PATTERN =
  '(\\d{1,2}|iv|i{1,3}|перв\\p{L}*|втор\\p{L}*|трет\\p{L}*|четверт\\p{L}*)(?:\\s?-?\\s?(?:ый|ий|ой|й|ое|ее|е|го|ого|м|ом))?';

export function ordinalNumber(word: string): number {
  if (/^\d+$/.test(word)) return +word;
  switch (word) {
    case 'i': return 1;
    case 'ii': return 2;
    case 'iii': return 3;
    case 'iv': return 4;
  }
  if (word.startsWith('перв')) return 1;
  if (word.startsWith('втор')) return 2;
  if (word.startsWith('трет')) return 3;
  if (word.startsWith('четверт')) return 4;
  return 0;
}

/** Counts in frequency phrases: `1`, `2-х`, `одного`, `двух`, `трех`, `четырех`. */
export const COUNT_PATTERN =
  '(\\d{1,3}|од(?:ин|ного|ной|на)|дв(?:а|ух|е)|тр(?:и|ех)|четыр(?:е|ех)|шест(?:ь|и)|двенадцат(?:ь|и))(?:-?(?:х|ти|ми|и|ух|ех))?';

export function countNumber(word: string): number {
  if (/^\d+$/.test(word)) return +word;
  if (word.startsWith('од')) return 1;
  if (word.startsWith('дв') && !word.startsWith('двенад')) return 2;
  if (word.startsWith('тр')) return 3;
  if (word.startsWith('четыр')) return 4;
  if (word.startsWith('шест')) return 6;
  if (word.startsWith('двенад')) return 12;
  return 0;
}
