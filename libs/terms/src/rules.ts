/**
 * The phrase classes as a rule table. Each rule is a pattern on the normalised (lower-case) phrase and a small
 * named handler that records what the words mean in a Draft; the matched words are then cut out. What is
 * left is read by the date grammar (anchors.ts), and `decide` turns the Draft plus the dates into a typed
 * schedule. Keeping recurrence/continuous/external words apart from the dates is what lets combinations
 * such as `Октябрь-ноябрь, ежегодно`, `Ежегодно - до 20 мая - до 20 декабря` or `В течение периода (по
 * графику ФГАОУ ДПО «…»)` work without a rule per combination.
 *
 * To add a phrase class: add a rule here (pattern + handler) and, if it needs a new kind of schedule, a case in
 * `decide` and in expand.ts; then add the phrase to the tests.
 */
import type { TermItem, TermSchedule } from './types';
import { COUNT_PATTERN, countNumber } from './lexicon';
import { REASON } from './reasons';

type Unit = 'month' | 'quarter' | 'half' | 'year';

export interface Draft {
  /** `ежегодно`: the dates repeat every year (or, with no dates, one occurrence per year). */
  annual: boolean;
  every?: { unit: Unit; day?: number; following?: boolean };
  /** `до 10 числа` with no month, quarter or `ежемесячно` written: the unit is a guess. */
  dayUnitGuessed?: boolean;
  /** A day with no month of a longer unit (`ежеквартально до 10 числа`): which month is a guess. */
  dayMonthOpen?: boolean;
  minCount?: number;
  /** The continuous words found (`в течение года`, `постоянно`…). */
  continuous?: string;
  external?: {
    basis: 'schedule' | 'event' | 'request';
    owner?: string;
    detail?: string;
    kind?: 'separate' | 'academic';
    /** The clause as written (original case), quoted in the review reason. */
    said?: string;
  };
  /** A class the engine recognises but does not schedule (weekly): forces `unknown`; the text is the reason. */
  unsupported?: string;
  notes: string[];
}

export interface ClauseRule {
  name: string;
  /** Cheap pre-check: the rule is tried only when the phrase contains one of these (lower-case) strings. */
  hints: string[];
  pattern: RegExp;
  /** The handler quotes groups from the original-case string (re-run with the `d` flag for their offsets). */
  quotes?: boolean;
  /** Apply repeatedly while it matches (a phrase may say `ежегодно` twice). */
  repeat?: boolean;
  handle(m: RegExpExecArray, d: Draft, group: (i: number) => string | undefined): void;
}

/** A named owner: a proper name/abbreviation (capitals, «quotes») or an authority noun. */
const AUTHORITY =
  /^(?:министерств|департамент|комитет|управлени|орган|центр|институт|академи|университет|федеральн|региональн|муниципальн|методическ|образовательн|школ|администраци|правительств)/u;

function ownerOf(display: string | undefined): string | undefined {
  if (!display) return undefined;
  const s = display.replace(/^[\s,.:;-]+|[\s,.:;-]+$/g, '');
  if (!s) return undefined;
  return /[\p{Lu}«"]/u.test(s) || AUTHORITY.test(s.toLowerCase()) ? s : undefined;
}

function unitOfWord(w: string): Unit {
  if (w.startsWith('месяц') || w.startsWith('ежемесяч')) return 'month';
  if (w.startsWith('квартал') || w.startsWith('ежекварт')) return 'quarter';
  if (w.startsWith('полуго') || w.startsWith('полго') || w.startsWith('ежеполуг')) return 'half';
  return 'year';
}

/** `N раз в год` as calendar units: twice a year = every half-year, four times = every quarter. */
const PER_YEAR: Record<number, Unit> = { 1: 'year', 2: 'half', 4: 'quarter', 12: 'month' };

const TAIL = '(?=\\s-\\s|\\)|,|$)'; // where a clause ends: a bullet dash, a closing bracket, a comma, the end

export const RULES: ClauseRule[] = [
  {
    // Event-driven: `По мере создания федеральной платформы …` — no date until the event happens.
    name: 'event',
    quotes: true,
    hints: ['по мере'],
    pattern: new RegExp(`по мере\\s+([^()]+?)\\s*(?=\\)|$)`, 'u'),
    handle: (m, d, g) => {
      d.external = { basis: 'event', detail: g(1) };
    },
  },
  {
    // `По запросам органов местного самоуправления …`: on request of whoever is named.
    name: 'request',
    quotes: true,
    hints: ['по запрос', 'по заявк', 'по обращени'],
    pattern: /по (?:запрос|заявк|обращени)\p{L}*(?:\s+([^()]+?))?\s*(?=\)|$)/u,
    handle: (m, d, g) => {
      d.external = { basis: 'request', owner: g(1)?.trim() || undefined, said: g(0)?.trim() };
    },
  },
  {
    // `По графику ФГБУ «ФИОКО»`, `по плану НИКУ`, `По отдельному плану`, `в соответствии с графиком`,
    // `в соответствии с учебным графиком`. The words after the noun name whose schedule it is.
    name: 'schedule',
    quotes: true,
    hints: ['график', 'план', 'календар', 'расписани'],
    pattern: new RegExp(
      `(?:по|согласно|в соответствии со?)\\s+(?:(отдельн|утвержденн|индивидуальн|учебн|календарн)\\p{L}*\\s+)?` +
        `(?:график|план|календар|расписани)\\p{L}*(?:\\s+([^()\\s-][^()]*?))?\\s*${TAIL}`,
      'u',
    ),
    handle: (m, d, g) => {
      const adj = m[1];
      const rest = g(2);
      const owner = ownerOf(rest);
      d.external = {
        basis: 'schedule',
        owner,
        detail: owner ? undefined : rest?.trim() || undefined,
        kind: adj === 'учебн' || adj === 'календарн' ? 'academic' : adj ? 'separate' : undefined,
        said: g(0)?.trim(),
      };
    },
  },
  {
    // Frequency constraints: `не реже 1 раза в год`, `не менее 1 раза в месяц`, `не менее 2-х сессий`.
    name: 'count',
    hints: ['не реже', 'не менее', 'не чаще', 'не более'],
    pattern: new RegExp(
      `не (реже|менее|чаще|более)\\s+${COUNT_PATTERN}[\\s-]*(раз\\p{L}*|\\p{L}+)(?:\\s+в\\s+(год|месяц|квартал|полугодие|полгода|недел\\p{L}*))?`,
      'u',
    ),
    handle: (m, d) => {
      const n = countNumber(m[2]);
      const per = m[4];
      if (m[1] === 'чаще' || m[1] === 'более') d.notes.push(REASON.upperLimit(m[0]));
      if (!per) {
        d.minCount = n; // `не менее 2-х сессий`: a count per occurrence (with `ежегодно`, per year)
        return;
      }
      if (per.startsWith('недел')) {
        d.unsupported = REASON.weekly(m[0]);
        return;
      }
      const unit = unitOfWord(per);
      if (unit === 'year' && PER_YEAR[n]) d.every = { unit: PER_YEAR[n] };
      else {
        d.every = { unit };
        if (n > 1) {
          d.minCount = n;
          if (unit === 'year') d.notes.push(REASON.timesAYearNoDates(m[0]));
        }
      }
    },
  },
  {
    // `до 10 числа каждого месяца`, `до 5 числа месяца, следующего за отчетным`.
    name: 'day-of-month',
    hints: ['числа'],
    // `до 25 числа последнего месяца квартала`: due in the unit's last month, which is where `every` puts a day.
    pattern:
      /(?:ежемесячно,?\s*)?(?:до|не позднее)\s+(\d{1,2})(?:-?го)?\s+числа(?:\s+(?:каждого|ежемесячно))?(?:\s+месяца)?(?:\s+последнего\s+месяца\s+(квартала|полугодия|года))?(?:,?\s*следующего\s+за\s+отчетным(?:\s+(месяцем|периодом|кварталом|полугодием|годом))?)?(?:,?\s*ежемесячно)?/u,
    handle: (m, d) => {
      const day = +m[1];
      if (day < 1 || day > 31) {
        d.unsupported = REASON.noSuchDayOfMonth(m[0].trim(), day);
        return;
      }
      const following = /следующего/u.test(m[0]);
      const named = m[2] ?? (m[3] === 'периодом' || m[3] === 'месяцем' ? 'месяц' : m[3]);
      const unit = named ? unitOfWord(named) : 'month';
      d.every = { unit, day, ...(following ? { following } : {}) };
      d.dayUnitGuessed = !/кажд|ежемесячн|месяц/u.test(m[0]) && !named && !following;
      d.dayMonthOpen = !m[2] && !following;
    },
  },
  {
    // `Ежегодно`, `ежемесячно`, `ежеквартально`, `раз в год`…
    name: 'frequency',
    hints: ['еже', 'кажд', 'раз в'],
    repeat: true,
    pattern:
      /(еженедельн\p{L}*|каждую неделю|ежегодн\p{L}*|каждый год|ежемесячн\p{L}*|каждый месяц|ежеквартальн\p{L}*|каждый квартал|ежеполугодн\p{L}*|раз в (?:год|квартал|месяц|полгода|полугодие))(?!\p{L})/u,
    handle: (m, d) => {
      const w = m[1].replace(/^раз в |^каждый /u, '');
      if (w.startsWith('еженед') || w.startsWith('каждую')) {
        d.unsupported = REASON.weekly(m[1]);
        return;
      }
      const unit = unitOfWord(w);
      if (unit === 'year') d.annual = true;
      else if (d.every?.day !== undefined) {
        d.every.unit = unit; // `ежеквартально до 10 числа …`
        d.dayUnitGuessed = false;
      } else d.every = { unit };
    },
  },
  {
    // Continuous: `Постоянно`, `На постоянной основе`, `регулярно`, `В течение года/периода`, `весь период`,
    // `В течение всего периода` (the misspelling `в течении` is fixed by normalise).
    name: 'continuous',
    hints: ['постоян', 'регуляр', 'систематич', 'ежеднев', 'течение', 'период', 'срок'],
    repeat: true,
    pattern:
      /(постоянно|на постоянной основе|регулярно|систематически|ежедневно|в течение (?:всего )?(?:отчетного |календарного |учебного )?(?:года|периода|срока)(?: (?:реализации|действия)(?: (?!до |с |по |к )[\p{L}«»"-]+)*)?|(?:на протяжении|в рамках|на) (?:всего )?(?:периода|срока)(?: (?:реализации|действия)(?: (?!до |с |по |к )[\p{L}«»"-]+)*)?|(?:весь|на весь|в течение всего) (?:период|срок)(?: (?:реализации|действия)(?: (?!до |с |по |к )[\p{L}«»"-]+)*)?)(?!\p{L})/u,
    handle: (m, d) => {
      d.continuous = d.continuous ? `${d.continuous}, ${m[1]}` : m[1];
    },
  },
];

/** No term at all: `Х`, `х`, `-`, `—`, `--`, empty (normalise has turned every dash into `-`). */
export const NONE = /^(?:х|x|-+|нет|не требуется|не установлен\p{L}*|не предусмотрен\p{L}*)?$/u;

export interface Decision {
  schedule: TermSchedule;
  kind: 'once' | 'recurring' | 'continuous' | 'external' | 'none' | 'unknown';
  /** For external terms: narrow the window to these items (`В течение 2023 (по графику …)`). */
  windowItems?: TermItem[];
  external?: string;
  notes: string[];
}

const yearless = (it: TermItem): boolean => it.end.y === undefined;

/** Combines what the rules recorded with the dates read from the rest of the phrase. */
export function decide(d: Draft, written: TermItem[], multiYear: boolean): Decision {
  let items = written;
  const notes = [...d.notes];
  if (d.every && d.annual && d.every.unit !== 'year') notes.push(REASON.annualWithFrequency(d.every.unit));
  if (d.every?.day !== undefined && d.dayUnitGuessed)
    notes.push(REASON.dayUnitGuessed(d.every.day, d.every.unit));
  else if (d.every?.day !== undefined && d.every.unit !== 'month' && d.dayMonthOpen)
    notes.push(REASON.dayMonthOpen(d.every.day, d.every.unit));
  const ext = d.external;
  if (ext) {
    if (ext.basis === 'event') notes.push(REASON.eventDriven(ext.detail));
    else if (ext.basis === 'request' && !ext.owner) notes.push(REASON.requestNoOne(ext.said));
    else if (ext.basis === 'schedule' && !ext.owner && !ext.kind)
      notes.push(REASON.scheduleNotNamed(ext.said));
    else if (ext.kind === 'academic')
      notes.push(
        items.some((it) => it.end.unit === 'academic')
          ? REASON.academicYears(ext.said)
          : REASON.academicNoDates(ext.said),
      );
  }
  const external: TermSchedule | undefined = ext
    ? {
        type: 'external',
        basis: ext.basis,
        ...(ext.owner ? { owner: ext.owner } : {}),
        ...(ext.detail ? { detail: ext.detail } : {}),
      }
    : undefined;

  // Event- and request-driven terms have no dates of their own, whatever else the phrase says.
  if (external && ext!.basis !== 'schedule')
    return { schedule: external, kind: 'external', windowItems: items, external: ext!.owner, notes };

  // A frequency bounded by one date: `ежегодно до 2024 года`, `ежемесячно с 1 сентября 2023`.
  const freq = d.every ?? (d.annual ? { unit: 'year' as const } : undefined);
  if (freq && items.length === 1 && (items[0].open || (items[0].until && items[0].end.unit !== 'day'))) {
    const bound = items[0].open ? { from: items[0].start } : { to: items[0].end };
    return {
      schedule: { type: 'every', ...freq, ...(d.minCount ? { minCount: d.minCount } : {}), ...bound },
      kind: 'recurring',
      notes,
    };
  }

  // Years written with a frequency bound it: `ежегодно в 2022-2024 годах`, `ежеквартально в течение 2023 года`.
  const it0 = items[0];
  if (
    freq &&
    items.length === 1 &&
    !it0.until &&
    !it0.open &&
    it0.start.unit === 'year' &&
    it0.end.unit === 'year'
  ) {
    const bound = { from: it0.start, to: it0.end };
    return {
      schedule: { type: 'every', ...freq, ...(d.minCount ? { minCount: d.minCount } : {}), ...bound },
      kind: 'recurring',
      notes,
    };
  }
  // `Декабрь, ежегодно до 2024 года`: a `до`/`с` year among year-less annual items bounds them, it is no deadline.
  let yearBounds: { from?: TermItem['start']; to?: TermItem['end'] } = {};
  if (d.annual && items.length > 1 && items.some(yearless)) {
    const bounding = items.filter((it) => it.end.unit === 'year' && (it.until || it.open));
    if (bounding.length === 1) {
      const b = bounding[0];
      yearBounds = b.open ? { from: b.start } : { to: b.end };
      items = items.filter((it) => it !== b);
    }
  }

  if (items.length > 0) {
    if (items.length === 1 && items[0].open) {
      // `С 1 сентября 2023 г.`: continuous from the date.
      return { schedule: { type: 'continuous', from: items[0].start }, kind: 'continuous', notes };
    }
    if (d.every) notes.push(REASON.frequencyAndDates);
    if (external && !d.annual && ext!.kind !== 'academic')
      return { schedule: external, kind: 'external', windowItems: items, external: ext!.owner, notes };
    if (d.continuous && !d.annual) {
      const first = items[0];
      const last = items[items.length - 1];
      return {
        schedule: { type: 'continuous', ...(first.until ? {} : { from: first.start }), to: last.end },
        kind: 'continuous',
        notes,
      };
    }
    if (d.continuous) notes.push(REASON.alsoContinuous(d.continuous));
    const annual = d.annual && items.some(yearless);
    if (d.annual && !annual && items.length === 1) notes.push(REASON.annualSingleDated);
    const schedule: TermSchedule = {
      type: 'dates',
      items,
      ...(annual ? { annual } : {}),
      ...(d.minCount ? { minCount: d.minCount } : {}),
      ...(annual ? yearBounds : {}),
    };
    return {
      schedule,
      kind: annual || d.annual || items.length > 1 ? 'recurring' : 'once',
      external: ext?.owner,
      notes,
    };
  }

  if (d.every) {
    if (d.continuous) notes.push(REASON.alsoContinuous(d.continuous));
    return {
      schedule: { type: 'every', ...d.every, ...(d.minCount ? { minCount: d.minCount } : {}) },
      kind: 'recurring',
      notes,
    };
  }
  if (d.annual) {
    // `Ежегодно` alone (and `не реже 1 раза в год`) is due on 31 December of each year.
    if (d.continuous) notes.push(REASON.alsoContinuousNotYearly(d.continuous));
    return {
      schedule: { type: 'every', unit: 'year', ...(d.minCount ? { minCount: d.minCount } : {}) },
      kind: 'recurring',
      external: ext?.owner,
      notes,
    };
  }
  if (external) return { schedule: external, kind: 'external', external: ext!.owner, notes };
  if (d.continuous) {
    if (multiYear && /(?:^|\s)года$/u.test(d.continuous)) notes.push(REASON.yearInSeveralYears(d.continuous));
    return { schedule: { type: 'continuous' }, kind: 'continuous', notes };
  }
  return {
    schedule: { type: 'unknown' },
    kind: 'unknown',
    notes: [...notes, REASON.nothingFound],
  };
}
