/**
 * Schedule facts that leak out of the term cell: a result saying `Не менее 4 заседаний ежегодно`, a title
 * with `ежеквартальных заседаний`, `К концу 2024 года 100%…`. They are not parsed into the term (the cell
 * says what it says); they are kept as hints for the curator to see beside it.
 */
import { MONTH_NAMES_GENITIVE } from '@karta/terms';

const FREQ_ADVERB = 'ежегодно|ежеквартально|ежемесячно|еженедельно|ежедневно';
const PERIOD_NOUN = 'год|года|месяц|квартал|полугодие|неделю|учебный\\s+год';
const MONTHS_GEN = MONTH_NAMES_GENITIVE.join('|');

const PATTERNS: readonly RegExp[] = [
  // не менее 4 заседаний ежегодно · не реже 2 раз в год · не менее 50% ежегодно
  new RegExp(
    `не\\s+(?:менее|реже|более|чаще)\\s+\\d+(?:[-‐]?х)?\\s*%?(?:\\s+[\\p{L}-]+){0,3}?\\s+(?:${FREQ_ADVERB}|в\\s+(?:${PERIOD_NOUN}))`,
    'giu',
  ),
  // ежегодно не менее 10%
  new RegExp(`(?:${FREQ_ADVERB})\\s+не\\s+(?:менее|реже|более)\\s+\\d+\\s*%?`, 'giu'),
  // 2 раза в месяц · один раз в квартал
  new RegExp(`(?:\\d+|один|два|три|четыре)\\s+раз[а]?\\s+в\\s+(?:${PERIOD_NOUN})`, 'giu'),
  // ежеквартальных заседаний · ежегодного отчета · ежегодной региональной конференции
  /(?<![\p{L}])еже(?:годн|квартальн|месячн|недельн|дневн)(?:ый|ого|ому|ым|ом|ая|ой|ую|ое|ые|ых|ыми)(?:\s+\p{L}+(?:ой|ых|ого|ую|ая|ые|ое|ым))?\s+\p{L}+/giu,
  // a bare frequency adverb (`…, ежегодно`)
  new RegExp(`(?<![\\p{L}])(?:${FREQ_ADVERB})(?![\\p{L}])`, 'giu'),
];

/** Deadlines stated in a result (`К концу 2024 года 100%…`, `(не менее 40 % до 2024)`), not a plan's span (`на период до 2024 года`). */
const RESULT_DEADLINE = new RegExp(
  `(?<!период\\s)(?<![\\p{L}])(?:к\\s+концу|до)\\s+(?:(?:\\d{1,2}\\s+)?(?:${MONTHS_GEN})\\s+)?20\\d\\d(?:\\s+год[а]?)?(?![\\d\\p{L}])`,
  'giu',
);

/**
 * Hints in order of appearance; a shorter match inside a longer one is dropped. Frequencies are looked
 * for in every text given, deadlines only in results (titles name plan periods, not deadlines).
 */
export function scheduleHints(texts: {
  title?: string | null;
  result?: string | null;
  other?: string[];
}): string[] {
  const out: string[] = [];
  const sources: Array<[string | null | undefined, readonly RegExp[]]> = [
    [texts.title, PATTERNS],
    [texts.result, [...PATTERNS, RESULT_DEADLINE]],
    ...(texts.other ?? []).map((t): [string, readonly RegExp[]] => [t, [...PATTERNS, RESULT_DEADLINE]]),
  ];
  for (const [text, patterns] of sources) {
    // every pattern needs one of these words: most cells have none and are skipped cheaply
    if (!text || !/еже|раз|не\s|до\s|концу/iu.test(text)) continue;
    const spans: Array<{ start: number; end: number; text: string }> = [];
    for (const re of patterns) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        const start = m.index;
        const end = start + m[0].length;
        if (!spans.some((s) => s.start <= start && end <= s.end))
          spans.push({ start, end, text: m[0].replace(/\s+/g, ' ').trim() });
      }
    }
    spans.sort((a, b) => a.start - b.start);
    for (const s of spans) if (!out.includes(s.text)) out.push(s.text);
  }
  return out;
}
