/**
 * The review reasons. `reason` is shown to ministry curators (the plan review table of the web app), so every
 * note that can end up in it is written here, in plain Russian: what was read and, where there is one, the
 * other possible reading. Phrase fragments are quoted «…»; dates are DD.MM.YYYY; a period is `DD.MM.YYYY–DD.MM.YYYY`.
 * Notes are joined with `; ` into `reason` and de-duplicated by their text, so one case gives one text.
 */
import { MONTH_NAMES } from './months';
import type { TermAnchor, TermItem } from './types';

type Unit = 'month' | 'quarter' | 'half' | 'year';

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** `2023-05-12` → `12.05.2023`; anything that is not an ISO date is quoted as given (`«nope»`). */
export function ruDate(isoDate: string | undefined): string {
  const s = String(isoDate);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s.slice(8, 10)}.${s.slice(5, 7)}.${s.slice(0, 4)}` : `«${s}»`;
}

function ruPeriod(from: string | undefined, to: string | undefined): string {
  return `${ruDate(from)}–${ruDate(to)}`;
}

function ruDay(d: number, m: number, y?: number): string {
  return `${pad2(d)}.${pad2(m)}${y !== undefined ? '.' + y : ''}`;
}

/** «каждого месяца», «последнего месяца квартала». */
const GENITIVE: Record<Unit, string> = {
  month: 'месяца',
  quarter: 'квартала',
  half: 'полугодия',
  year: 'года',
};
/** «месяц, следующий за кварталом». */
const INSTRUMENTAL: Record<Unit, string> = {
  month: 'месяцем',
  quarter: 'кварталом',
  half: 'полугодием',
  year: 'годом',
};
const ONCE_PER: Record<Unit, string> = {
  month: 'раз в месяц',
  quarter: 'раз в квартал',
  half: 'раз в полугодие',
  year: 'раз в год',
};

function ruAnchor(a: TermAnchor): string {
  const y = a.y !== undefined ? ` ${a.y}` : '';
  switch (a.unit) {
    case 'day':
      return ruDay(a.d, a.m, a.y);
    case 'month':
      return `${MONTH_NAMES[a.m - 1] ?? `месяц ${a.m}`}${y}`;
    case 'quarter':
      return `${a.q} квартал${y}`;
    case 'half':
      return `${a.h} полугодие${y}`;
    case 'year':
      return `${a.y} год`;
    case 'academic':
      return `${a.y}/${a.y + 1} учебный год`;
  }
}

/** A written item as a curator would write it: `10.06`, `сентябрь 2024 – май 2024`, `2 квартал 2023`. */
export function ruItem(it: TermItem): string {
  return it.start === it.end ? ruAnchor(it.end) : `${ruAnchor(it.start)} – ${ruAnchor(it.end)}`;
}

/** The noun of a schedule clause, for «не указано, чей это план». */
function scheduleNoun(fragment: string): string {
  const s = fragment.toLowerCase();
  if (s.includes('расписани')) return 'чьё это расписание';
  if (s.includes('календар')) return 'чей это календарь';
  if (s.includes('график')) return 'чей это график';
  return 'чей это план';
}

export const REASON = {
  dateTypo: (typo: string) =>
    `дата записана с опечаткой («${typo}»): прочитана как ${typo.replace(/[ ,]/, '.')}; проверьте её`,
  // parse.ts
  internalError: (message: string): string => `внутренняя ошибка разбора: ${message}`,
  invalidPeriod: (from: string | undefined, to: string | undefined): string =>
    `неверный период плана: ${ruPeriod(from, to)}`,
  tooLong: 'слишком длинный текст для срока',
  noOccurrence: (from: string, to: string): string =>
    `в период плана (${ruPeriod(from, to)}) не попадает ни один срок`,

  // rules.ts: clause rules
  upperLimit: (fragment: string): string =>
    `«${fragment}» ограничивает частоту, но не задаёт срок: прочитано как контрольные точки с этой частотой`,
  weekly: (fragment: string): string => `«${fragment}»: еженедельные сроки не поддерживаются`,
  noSuchDayOfMonth: (fragment: string, day: number): string => `«${fragment}»: в месяце нет ${day}-го числа`,
  timesAYearNoDates: (fragment: string): string =>
    `«${fragment}» без дат: прочитано как одна контрольная точка в конце каждого года`,

  // rules.ts: decide
  annualWithFrequency: (unit: Unit): string =>
    `«ежегодно» вместе со сроком ${ONCE_PER[unit]}: прочитано как срок ${ONCE_PER[unit]}; возможно, имелся в виду один раз в год`,
  dayUnitGuessed: (day: number, unit: Unit): string =>
    `указано только число (${day}): прочитано как «до ${day}-го числа каждого ${GENITIVE[unit]}»; проверьте, не имелся ли в виду один месяц`,
  dayMonthOpen: (day: number, unit: Unit): string =>
    `указано число (${day}), но не месяц ${GENITIVE[unit]}: прочитано как «до ${day}-го числа последнего месяца ${GENITIVE[unit]}»; возможно, имелся в виду месяц, следующий за ${INSTRUMENTAL[unit]}`,
  eventDriven: (detail: string | undefined): string =>
    `по событию («по мере ${detail ?? '…'}»): даты нет, пока событие не наступит; ответственный за дату не назван`,
  requestNoOne: (fragment: string | undefined): string =>
    `«${fragment ?? 'по запросам'}»: не указано, кто их направляет`,
  scheduleNotNamed: (fragment: string | undefined): string =>
    fragment ? `«${fragment}»: не указано, ${scheduleNoun(fragment)}` : 'не указано, чей это график или план',
  academicYears: (fragment: string | undefined): string =>
    `«${fragment ?? 'по учебному графику'}»: прочитано как учебные годы целиком, с 1 сентября по 31 августа; точных дат графика во фразе нет`,
  academicNoDates: (fragment: string | undefined): string =>
    `«${fragment ?? 'по учебному графику'}»: даты учебного графика во фразе не указаны`,
  frequencyAndDates: 'указаны и периодичность, и даты: использованы даты',
  alsoContinuous: (words: string): string =>
    `также указано «${words}»: возможно, имелась в виду постоянная работа без отдельных сроков`,
  alsoContinuousNotYearly: (words: string): string =>
    `также указано «${words}»: возможно, имелась в виду постоянная работа, а не ежегодный срок`,
  annualSingleDated: '«ежегодно», но указан один срок с конкретным годом',
  yearInSeveralYears: (words: string): string =>
    `«${words}» в плане на несколько лет: прочитано как весь период плана; возможно, имелся в виду только первый год`,
  nothingFound: 'не найдено ни даты, ни периода, ни периодичности, ни графика',

  // expand.ts
  endsBeforeStart: (it: TermItem): string => `${ruItem(it)}: окончание раньше начала`,
  yearlessOutside: (it: TermItem): string => `${ruItem(it)} (год не указан) не попадает в период плана`,
  yearlessFirst: (year: number): string =>
    `год не указан: прочитано как ${year} год — первый подходящий в периоде плана; возможно, срок повторяется каждый год`,
  yearlessCut: (year: number, from: string): string =>
    `год не указан: прочитано как ${year} год, но начало раньше периода плана (сокращено до ${ruDate(from)}); возможно, имелся в виду ${year + 1} год`,
  outsidePeriod: (from: string, to: string, dues: string[]): string =>
    `${dues.length > 1 ? 'сроки' : 'срок'} ${dues.map(ruDate).join(', ')} вне периода плана (${ruPeriod(from, to)})`,
  startOutside: 'дата начала не попадает в период плана',
  endOutside: 'дата окончания не попадает в период плана',
  spanOutside: (from: string, to: string): string =>
    `указанный промежуток вне периода плана (${ruPeriod(from, to)})`,

  // anchors.ts: the date grammar
  academicNotConsecutive: (fragment: string): string => `«${fragment}»: учебный год — это два соседних года`,
  neitherAcademicNorRange: (fragment: string): string =>
    `«${fragment}» не похоже ни на учебный год, ни на промежуток лет`,
  yearOutOfRange: (year: string): string => `год ${year} вне допустимого диапазона`,
  cannotRead: (fragment: string): string => `не удалось прочитать «${fragment}»`,
  dateMissing: 'не хватает даты или периода',
  noSuchDate: (d: number, m: number, y?: number): string => `нет такой даты: ${ruDay(d, m, y)}`,
  bareAcademic: (fragment: string, y: number): string =>
    `«${fragment}» без слов «учебный год»: прочитано как ${y}/${y + 1} учебный год (01.09.${y}–31.08.${y + 1}); возможно, имелись в виду календарные годы ${y}–${y + 1}`,
  numberWithoutUnit: (nums: number[]): string =>
    `${nums.length > 1 ? 'числа' : 'число'} ${nums.join(', ')}: не указано, что это — квартал, полугодие или день месяца`,
  noSuchPart: (unit: 'quarter' | 'half', nums: number[]): string =>
    `нет такого ${unit === 'quarter' ? 'квартала' : 'полугодия'}: ${nums.join(', ')}`,
  oddRange: 'непонятный промежуток',
  toWithoutFrom: '«по» без «с»: не указано начало промежутка',
  endOnlyAfterUntil: 'слово «конца» понятно только после «до» (например, «до конца марта»)',
  rangeToList: 'промежуток не может заканчиваться списком',
  dayRangeWithoutMonth: 'в промежутке дней не указан месяц',
  dayWithoutMonth: 'указано число без месяца',
};
