/** Focused tests, one block per phrase class of issue 4 (phrases from the issue and variations). */
import * as terms from '../src';
import { parseTerm, normalise, TermResult } from '../src';

const P2124 = { from: '2021-01-01', to: '2024-12-31', tz: 'Europe/Moscow' };
const P23 = { from: '2023-01-01', to: '2023-12-31', tz: 'Europe/Moscow' };

const occ = (r: TermResult): string => r.occurrences.map((o) => `${o.start ?? '_'}~${o.due}`).join(' ');
const win = (r: TermResult): string => `${r.window.start ?? '_'}..${r.window.end ?? '_'}`;

function check(
  phrase: string,
  ctx: typeof P23,
  kind: TermResult['kind'],
  occurrences: string,
  review = false,
): TermResult {
  const r = parseTerm(phrase, ctx);
  expect({ kind: r.kind, occ: occ(r), review: r.needsReview }).toEqual({ kind, occ: occurrences, review });
  if (review) expect(r.reason).toMatch(/\S/);
  else expect(r.reason).toBeUndefined();
  return r;
}

describe('normalise', () => {
  it.each([
    ['<p>до 2024 года</p>', 'до 2024'],
    ['**Февраль,  2023**', 'февраль, 2023'],
    ['В течении  периода', 'в течение периода'],
    ['До 01 06.2021', 'до 01.06.2021'],
    ['Ещё&nbsp;раз', 'еще раз'],
    ['30 апреля 2022 г.', '30 апреля 2022'],
    ['2021–2022 гг.', '2021-2022'],
    ['Срок: до 1 июня', 'до 1 июня'],
    ['&#x41;&#1041;&#9999999;', 'aб'],
    ['&lt;p&gt;до 2024 года&lt;/p&gt;', 'до 2024'],
  ])('%s → %s', (raw, text) => expect(normalise(raw).text).toBe(text));

  it('keeps the original case in display at the same offsets', () => {
    const n = normalise('По графику ФГБУ «ФИОКО»');
    expect(n.display).toBe('По графику ФГБУ «ФИОКО»');
    expect(n.text).toBe(n.display.toLowerCase());
  });
});

describe('dates and deadlines', () => {
  it('a date is due that day', () => {
    const r = check('01.09.2021', P2124, 'once', '2021-09-01~2021-09-01');
    expect(win(r)).toBe('2021-09-01..2021-09-01');
    check('15 сентября 2021 года', P2124, 'once', '2021-09-15~2021-09-15');
    check('30 апреля 2022 г.', P2124, 'once', '2022-04-30~2022-04-30');
    check('01.09.21', P2124, 'once', '2021-09-01~2021-09-01');
  });
  it('`до`/`не позднее`/`к` DATE: due on the date, no start written', () => {
    const r = check('До 01.05.2021', P2124, 'once', '_~2021-05-01');
    expect(win(r)).toBe('_..2021-05-01');
    check('до 1 сентября 2024 года', P2124, 'once', '_~2024-09-01');
    check('не позднее 15 мая 2022', P2124, 'once', '_~2022-05-15');
    check('к 1 сентября 2022', P2124, 'once', '_~2022-09-01');
    const typo = check('До 01 06.2021', P2124, 'once', '_~2021-06-01', true);
    expect(typo.reason).toBe(
      'дата записана с опечаткой («01 06.2021»): прочитана как 01.06.2021; проверьте её',
    );
    check('**до 1 июня 2023**', P2124, 'once', '_~2023-06-01');
    check('&laquo;до&raquo; 2024&nbsp;года', P2124, 'once', '_~2024-12-31');
  });
  it('a date without a year takes the first on or after --from (review when the period has several years)', () => {
    check('10.06.', P23, 'once', '2023-06-10~2023-06-10');
    check('до 1 декабря', { ...P23, from: '2023-05-12' }, 'once', '_~2023-12-01');
    check('10.06.', { ...P2124, from: '2021-07-01' }, 'once', '2022-06-10~2022-06-10', true);
    // Written start before the period: cut to --from, and flagged (it may be next year's).
    const r = check('Январь-май', { ...P23, from: '2023-05-12' }, 'once', '2023-05-12~2023-05-31', true);
    expect(r.reason).toBe(
      'год не указан: прочитано как 2023 год, но начало раньше периода плана (сокращено до 12.05.2023); возможно, имелся в виду 2024 год',
    );
  });
  it('a date outside the period has no occurrence and asks for review', () => {
    const r = check('До 01.01.2019', P2124, 'once', '', true);
    expect(r.reason).toBe('срок 01.01.2019 вне периода плана (01.01.2021–31.12.2024)');
    expect(win(r)).toBe('_.._');
  });
  it('an impossible date is unknown', () => {
    expect(parseTerm('31.02.2023', P23)).toMatchObject({
      kind: 'unknown',
      needsReview: true,
      reason: 'нет такой даты: 31.02.2023',
    });
    expect(parseTerm('29.02.2023', P23).kind).toBe('unknown');
    check('29.02.2024', P2124, 'once', '2024-02-29~2024-02-29');
  });
});

describe('named periods', () => {
  it('months run from the first to the last day', () => {
    check('Февраль, 2023', P2124, 'once', '2023-02-01~2023-02-28');
    check('ноябрь 2023 года', P2124, 'once', '2023-11-01~2023-11-30');
    check('Октябрь 2021', P2124, 'once', '2021-10-01~2021-10-31');
    check('в октябре 2021 г.', P2124, 'once', '2021-10-01~2021-10-31');
    check('февраль 2024', P2124, 'once', '2024-02-01~2024-02-29');
  });
  it('month ranges', () => {
    check('Январь-май', P23, 'once', '2023-01-01~2023-05-31');
    check('март-декабрь 2024 года', P2124, 'once', '2024-03-01~2024-12-31');
    check('сентябрь 2023 - май 2024', P2124, 'once', '2023-09-01~2024-05-31');
    check('сентябрь-май 2024', P2124, 'once', '2023-09-01~2024-05-31');
    check(
      'Октябрь-ноябрь, ежегодно',
      P2124,
      'recurring',
      '2021-10-01~2021-11-30 2022-10-01~2022-11-30 2023-10-01~2023-11-30 2024-10-01~2024-11-30',
    );
  });
  it('quarters', () => {
    check('3 квартал 2024 г.', P2124, 'once', '2024-07-01~2024-09-30');
    check('I квартал', P23, 'once', '2023-01-01~2023-03-31');
    check('IV кв. 2023', P2124, 'once', '2023-10-01~2023-12-31');
    check('в 3 квартале 2022 года', P2124, 'once', '2022-07-01~2022-09-30');
    check('I-II квартал 2022', P2124, 'once', '2022-01-01~2022-06-30');
    expect(parseTerm('5 квартал', P23).kind).toBe('unknown');
  });
  it('half-years end 30 June / 31 December', () => {
    check('1 полугодие', P23, 'once', '2023-01-01~2023-06-30');
    check('2-е полугодие 2022 г.', P2124, 'once', '2022-07-01~2022-12-31');
    check('Первое полугодие', P23, 'once', '2023-01-01~2023-06-30');
    check('1, 2 полугодие', P23, 'recurring', '2023-01-01~2023-06-30 2023-07-01~2023-12-31');
  });
  it('years and year ranges', () => {
    check('2022 - 2024', P2124, 'once', '2022-01-01~2024-12-31');
    check('2021-2022 гг.', P2124, 'once', '2021-01-01~2022-12-31');
    check('В течение 2021-2022 годов', P2124, 'once', '2021-01-01~2022-12-31');
    check('до 2024 года', P2124, 'once', '_~2024-12-31');
    check('до декабря 2024 года', P2124, 'once', '_~2024-12-31');
    check('до 2030 года', P2124, 'once', '', true);
  });
  it('explicit spans; an open `с A` is continuous from A', () => {
    check('с 15 марта по 31 декабря 2023', P2124, 'once', '2023-03-15~2023-12-31');
    check('С 1 по 15 апреля 2024 г.', P2124, 'once', '2024-04-01~2024-04-15');
    check('1-15 апреля 2022', P2124, 'once', '2022-04-01~2022-04-15');
    const r = check('С 1 сентября 2023 г.', P2124, 'continuous', '');
    expect(win(r)).toBe('2023-09-01..2024-12-31');
  });
  it('a start before the period is clipped to --from', () => {
    check('2022 - 2024', { ...P2124, from: '2023-05-31' }, 'once', '2023-05-31~2024-12-31');
  });
});

describe('recurrence', () => {
  it('`Ежегодно` alone is due 31 December of each year', () => {
    const r = check(
      'Ежегодно',
      P2124,
      'recurring',
      '2021-01-01~2021-12-31 2022-01-01~2022-12-31 2023-01-01~2023-12-31 2024-01-01~2024-12-31',
    );
    expect(win(r)).toBe('2021-01-01..2024-12-31');
    check(
      'не реже 1 раза в год',
      { ...P2124, from: '2023-06-01' },
      'recurring',
      '2023-06-01~2023-12-31 2024-01-01~2024-12-31',
    );
  });
  it('annual months and dates', () => {
    check('Октябрь, ежегодно', P23, 'recurring', '2023-10-01~2023-10-31');
    check(
      'Ежегодно до 01 сентября',
      { ...P2124, from: '2023-01-01' },
      'recurring',
      '_~2023-09-01 _~2024-09-01',
    );
    check('Ежегодно - до 20 мая - до 20 декабря', P23, 'recurring', '_~2023-05-20 _~2023-12-20');
    check('ежегодно до 25 декабря', P23, 'recurring', '_~2023-12-25');
  });
  it('a month repeated in listed years', () => {
    check(
      'Ноябрь 2021, 2022, 2023, 2024',
      P2124,
      'recurring',
      '2021-11-01~2021-11-30 2022-11-01~2022-11-30 2023-11-01~2023-11-30 2024-11-01~2024-11-30',
    );
  });
  it('a list of months', () => {
    check(
      'Апрель, октябрь, декабрь',
      P23,
      'recurring',
      '2023-04-01~2023-04-30 2023-10-01~2023-10-31 2023-12-01~2023-12-31',
    );
    check('Апрель, октябрь 2024', P2124, 'recurring', '2024-04-01~2024-04-30 2024-10-01~2024-10-31');
  });
  it('monthly, quarterly: due on the last day unless a day is named', () => {
    const m = parseTerm('Ежемесячно', P23);
    expect(m.kind).toBe('recurring');
    expect(m.occurrences).toHaveLength(12);
    expect(m.occurrences[1]).toEqual({ start: '2023-02-01', due: '2023-02-28' });
    check(
      'ежеквартально',
      P23,
      'recurring',
      '2023-01-01~2023-03-31 2023-04-01~2023-06-30 2023-07-01~2023-09-30 2023-10-01~2023-12-31',
    );
    const d = parseTerm('до 10 числа каждого месяца', P23);
    expect(d.occurrences.map((o) => o.due)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}-10`),
    );
    const f = parseTerm('до 5 числа месяца, следующего за отчетным', P23);
    expect(f.occurrences[0]).toEqual({ start: '2023-02-01', due: '2023-02-05' });
    expect(f.occurrences).toHaveLength(11); // December's report falls due in January, after the period
    check(
      'до 15 числа месяца, следующего за отчетным кварталом',
      P23,
      'recurring',
      '2023-04-01~2023-04-15 2023-07-01~2023-07-15 2023-10-01~2023-10-15',
    );
    check(
      'Ежеквартально, до 25 числа последнего месяца квартала',
      P23,
      'recurring',
      '_~2023-03-25 _~2023-06-25 _~2023-09-25 _~2023-12-25',
    );
  });
  it('a day whose month, or a frequency that contradicts another, is a guess asks for review', () => {
    const day = check(
      'до 10 числа',
      { ...P23, to: '2023-03-31' },
      'recurring',
      '_~2023-01-10 _~2023-02-10 _~2023-03-10',
      true,
    );
    expect(day.reason).toBe(
      'указано только число (10): прочитано как «до 10-го числа каждого месяца»; проверьте, не имелся ли в виду один месяц',
    );
    const q = check(
      'ежеквартально до 10 числа',
      P23,
      'recurring',
      '_~2023-03-10 _~2023-06-10 _~2023-09-10 _~2023-12-10',
      true,
    );
    expect(q.reason).toMatch(
      /прочитано как «до 10-го числа последнего месяца квартала»; возможно, имелся в виду месяц, следующий за кварталом/,
    );
    const both = check(
      'ежегодно до 5 числа',
      { ...P23, to: '2023-02-28' },
      'recurring',
      '_~2023-01-05 _~2023-02-05',
      true,
    );
    expect(both.reason).toMatch(
      /^«ежегодно» вместе со сроком раз в месяц: прочитано как срок раз в месяц; возможно, имелся в виду один раз в год/,
    );
    check('ежегодно ежемесячно', { ...P23, to: '2023-01-31' }, 'recurring', '2023-01-01~2023-01-31', true);
    const max = check(
      'не более 2 раз в год',
      P23,
      'recurring',
      '2023-01-01~2023-06-30 2023-07-01~2023-12-31',
      true,
    );
    expect(max.reason).toBe(
      '«не более 2 раз в год» ограничивает частоту, но не задаёт срок: прочитано как контрольные точки с этой частотой',
    );
  });
  it('frequency constraints', () => {
    expect(parseTerm('не менее 1 раза в месяц', P23).occurrences).toHaveLength(12);
    check('не реже 2 раз в год', P23, 'recurring', '2023-01-01~2023-06-30 2023-07-01~2023-12-31');
    const r = check('не менее 4 заседаний ежегодно', P23, 'recurring', '2023-01-01~2023-12-31');
    expect(r.schedule).toMatchObject({ type: 'every', unit: 'year', minCount: 4 });
    expect(parseTerm('еженедельно', P23)).toMatchObject({
      kind: 'unknown',
      reason: '«еженедельно»: еженедельные сроки не поддерживаются',
    });
  });
});

describe('bounded frequencies and year ends', () => {
  it('a frequency with one bound narrows its occurrences', () => {
    check(
      'ежегодно до 2023 года',
      P2124,
      'recurring',
      '2021-01-01~2021-12-31 2022-01-01~2022-12-31 2023-01-01~2023-12-31',
    );
    check(
      'ежемесячно с 1 октября 2024',
      P2124,
      'recurring',
      '2024-10-01~2024-10-31 2024-11-01~2024-11-30 2024-12-01~2024-12-31',
    );
  });
  it('years written with a frequency bound it, they are no occurrence of their own', () => {
    check(
      'ежегодно в 2022-2024 годах',
      P2124,
      'recurring',
      '2022-01-01~2022-12-31 2023-01-01~2023-12-31 2024-01-01~2024-12-31',
    );
    check(
      'ежеквартально в течение 2023 года',
      P2124,
      'recurring',
      '2023-01-01~2023-03-31 2023-04-01~2023-06-30 2023-07-01~2023-09-30 2023-10-01~2023-12-31',
    );
    check(
      'Декабрь, ежегодно до 2022 года',
      P2124,
      'recurring',
      '2021-12-01~2021-12-31 2022-12-01~2022-12-31',
    );
    check('Октябрь, ежегодно с 2023 года', P2124, 'recurring', '2023-10-01~2023-10-31 2024-10-01~2024-10-31');
  });
  it('`2022/2023` without «учебный год» reads as the academic year, for review', () => {
    const r = check('2022/2023', P2124, 'once', '2022-09-01~2023-08-31', true);
    expect(r.reason).toBe(
      '«2022/2023» без слов «учебный год»: прочитано как 2022/2023 учебный год (01.09.2022–31.08.2023); возможно, имелись в виду календарные годы 2022–2023',
    );
    check('2023/24', P2124, 'once', '2023-09-01~2024-08-31', true);
    expect(parseTerm('2022/2024', P2124).kind).toBe('unknown');
  });
  it('`до конца года` is 31 December', () => {
    check('до конца года', P23, 'once', '_~2023-12-31');
    check('до конца 2022 года', P2124, 'once', '_~2022-12-31');
    check('до конца марта', P23, 'once', '_~2023-03-31');
    // `конца` must not be dropped where it changes the date: `с конца марта` is not `с марта`.
    expect(parseTerm('с конца марта', P23)).toMatchObject({ kind: 'unknown', needsReview: true });
  });
  it('a span repeated in listed years, across the new year too', () => {
    check('Ноябрь-декабрь 2023, 2024', P2124, 'recurring', '2023-11-01~2023-12-31 2024-11-01~2024-12-31');
    check('сентябрь-май, 2024', P2124, 'once', '2023-09-01~2024-05-31');
  });
  it('academic years run 1 September – 31 August; following an academic schedule asks for review', () => {
    check('2023/24 учебный год', P2124, 'once', '2023-09-01~2024-08-31');
    check(
      'Ежегодно в соответствии с учебным графиком - 2022/23 учебный год',
      P2124,
      'recurring',
      '2022-09-01~2023-08-31',
      true,
    );
    expect(parseTerm('2023/25 учебный год', P2124)).toMatchObject({
      kind: 'unknown',
      reason: '«2023/25 учебный год»: учебный год — это два соседних года',
    });
  });
});

describe('continuous', () => {
  it.each([
    'Постоянно',
    'На постоянной основе',
    'регулярно',
    'В течение года',
    'В течение периода',
    'весь период',
    'В течение всего периода',
    'В течении всего периода',
    'в течение срока реализации дорожной карты',
    'В течение учебного года',
  ])('%s', (phrase) => {
    const r = check(phrase, P23, 'continuous', '');
    expect(win(r)).toBe('2023-01-01..2023-12-31');
  });
  it('«в течение года» over several years asks for review', () => {
    expect(check('В течение года', P2124, 'continuous', '', true).reason).toBe(
      '«в течение года» в плане на несколько лет: прочитано как весь период плана; возможно, имелся в виду только первый год',
    );
  });
  it('continuous until a date narrows the window', () => {
    const r = check('постоянно, до 2023 года', P2124, 'continuous', '');
    expect(win(r)).toBe('2021-01-01..2023-12-31');
  });
});

describe('external schedules', () => {
  it.each([
    ['По графику ФГБУ «ФИОКО»', 'ФГБУ «ФИОКО»'],
    ['по графику Рособрнадзора', 'Рособрнадзора'],
    ['в соответствии с графиком Минпросвещения России', 'Минпросвещения России'],
    [
      'В течение периода (по графику ФГАОУ ДПО «Академия Минпросвещения России»)',
      'ФГАОУ ДПО «Академия Минпросвещения России»',
    ],
    ['по плану НИКУ', 'НИКУ'],
  ])('%s → %s', (phrase, owner) => {
    const r = check(phrase, P23, 'external', '');
    expect(r.external).toBe(owner);
    expect(win(r)).toBe('2023-01-01..2023-12-31');
  });
  it('a separate plan or schedule needs no owner', () => {
    for (const p of ['По отдельному графику', 'По отдельному плану', 'по утвержденному плану'])
      expect(check(p, P23, 'external', '').external).toBeUndefined();
  });
  it('an unnamed schedule, an event or a request without owner asks for review', () => {
    expect(check('в соответствии с графиком', P23, 'external', '', true).reason).toBe(
      '«в соответствии с графиком»: не указано, чей это график',
    );
    expect(check('По мере создания федеральной платформы', P23, 'external', '', true).reason).toBe(
      'по событию («по мере создания федеральной платформы»): даты нет, пока событие не наступит; ответственный за дату не назван',
    );
    check('По мере необходимости', P23, 'external', '', true);
    expect(check('по запросам', P23, 'external', '', true).reason).toBe(
      '«по запросам»: не указано, кто их направляет',
    );
    expect(check('по запросам образовательных организаций', P23, 'external', '').external).toBe(
      'образовательных организаций',
    );
  });
  it('a period narrows the window', () => {
    const r = check('в течение 2023 года (по графику ФИОКО)', P2124, 'external', '');
    expect(win(r)).toBe('2023-01-01..2023-12-31');
  });
});

describe('no term and unknown', () => {
  it.each(['Х', 'х', 'x', '-', '—', '–', '--', '', '   ', '<p></p>', '**—**'])('%j is none', (phrase) => {
    const r = check(phrase, P23, 'none', '');
    expect(win(r)).toBe('_.._');
  });
  it.each(['по согласованию сторон', 'foo', 'в 25 веке', '?', 'после того как'])(
    '%j is unknown with a reason',
    (phrase) => {
      const r = parseTerm(phrase, P23);
      expect(r).toMatchObject({
        kind: 'unknown',
        needsReview: true,
        occurrences: [],
        window: { start: null, end: null },
      });
      expect(r.reason).toMatch(/\S/);
    },
  );
  it('an invalid period is unknown, not an exception', () => {
    expect(parseTerm('Ежегодно', { from: '2024-01-01', to: '2023-01-01', tz: 'Europe/Moscow' }).kind).toBe(
      'unknown',
    );
    expect(parseTerm('Ежегодно', { from: 'nope', to: '2023-01-01', tz: 'Europe/Moscow' }).kind).toBe(
      'unknown',
    );
  });
  it('exports the calendar helpers next to parseTerm (index.ts, the @karta/terms entry)', () => {
    expect(terms.isWorkingDay('2024-01-09')).toBe(true);
    expect(terms.nextWorkingDay('2024-01-05')).toBe('2024-01-09');
    expect(terms.addWorkingDays('2024-01-09', -1)).toBe('2023-12-29');
  });
  it('keeps the input exactly as given', () => {
    expect(parseTerm('  <b>До 01.05.2021</b> ', P2124).input).toBe('  <b>До 01.05.2021</b> ');
  });
});

describe('review reasons are written for a curator', () => {
  /** Russian words, phrase fragments quoted «…» (they may hold Latin names), dates as DD.MM.YYYY. */
  function expectCuratorText(reason: string | undefined): void {
    expect(reason).toMatch(/\p{Script=Cyrillic}/u);
    let unquoted = reason ?? '';
    for (let prev = ''; prev !== unquoted;) [prev, unquoted] = [unquoted, unquoted.replace(/«[^«»]*»/g, '')];
    expect(unquoted).not.toMatch(/[A-Za-z]/);
    expect(reason).not.toMatch(/\d{4}-\d{2}-\d{2}|\.\./);
  }
  it.each([
    ['10.06.', P2124],
    ['Январь-май', { ...P23, from: '2023-05-12' }],
    ['До 01.01.2019', P2124],
    ['31.02.2023', P23],
    ['до 10 числа', P23],
    ['ежеквартально до 10 числа', P23],
    ['ежегодно до 5 числа', P23],
    ['не более 2 раз в год', P23],
    ['не менее 3 раз в год', P23],
    ['еженедельно', P23],
    ['до 40 числа', P23],
    ['2022/2023', P2124],
    ['2022/2024', P2124],
    ['2023/25 учебный год', P2124],
    ['2500', P23],
    ['В течение года', P2124],
    ['Ежегодно (на постоянной основе)', P2124],
    ['ежемесячно постоянно', P23],
    ['ежемесячно 01.09.2023', P23],
    ['в соответствии с графиком проведения', P23],
    ['В соответствии с планами реализации проектов', P23],
    ['Ежегодно в соответствии с учебным графиком - 2022/23 учебный год', P2124],
    ['в соответствии с учебным графиком', P23],
    ['По мере создания федеральной платформы', P23],
    ['по запросам', P23],
    ['сентябрь 2024 - май 2024', P2124],
    ['с конца марта', P23],
    ['по 15 мая', P23],
    ['1, 2', P23],
    ['5 квартал', P23],
    ['foo', P23],
    ['до', P23],
    ['постоянно с 2030 года', P2124],
    ['ежегодно до 2019 года', P2124],
    ['Ежегодно', { from: '2024-01-01', to: '2023-01-01', tz: 'Europe/Moscow' }],
  ])('%j', (phrase, ctx) => {
    const r = parseTerm(phrase, ctx);
    expect(r.needsReview).toBe(true);
    expectCuratorText(r.reason);
  });
  it('says which dates are outside the period, as DD.MM.YYYY', () => {
    expect(parseTerm('ежегодно до 2019 года', P2124).reason).toBe(
      'указанный промежуток вне периода плана (01.01.2021–31.12.2024)',
    );
    expect(parseTerm('до 1 июня', { ...P23, to: '2023-03-31' }).reason).toBe(
      '01.06 (год не указан) не попадает в период плана',
    );
    expect(parseTerm('Ежегодно', { from: '2024-01-01', to: '2023-01-01', tz: 'Europe/Moscow' }).reason).toBe(
      'неверный период плана: 01.01.2024–01.01.2023',
    );
  });
});
