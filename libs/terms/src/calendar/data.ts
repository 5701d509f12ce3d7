/**
 * The Russian production calendar as data: for each year, the weekdays that are not worked (public
 * holidays of Labour Code art. 112 and the days off moved onto weekdays) and the weekend days that are
 * worked (Saturdays a transfer made working). Weekends not listed are days off as usual. Each year cites its
 * source in `source`: the Government decree on moving days off, plus the President's decrees where they
 * declared extra non-working days.
 *
 * Years not listed fall back to the rules in index.ts (`fallbackYear`): Monday–Friday minus the fixed
 * holidays of art. 112 (1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November), and a holiday
 * other than 1–8 January that falls on a weekend moves to the next working day (art. 112 part 2). That is
 * the law when no decree exists; what it cannot know is where a decree moves the January weekend holidays.
 *
 * To add a year: copy the decree's transfers into `daysOff` / `workingWeekends` and cite it in `source`;
 * the calendar tests check the yearly count of working days against the published calendar.
 */
export interface CalendarYear {
  /** Weekdays (Mon–Fri) that are days off, `MM-DD`. */
  daysOff: string[];
  /** Saturdays or Sundays that are working days, `MM-DD`. */
  workingWeekends: string[];
  /** The act(s) the year is taken from. */
  source: string;
  /** True while the year rests on a draft rather than a signed decree. */
  provisional?: boolean;
}

const JAN_1_8 = ['01-01', '01-02', '01-03', '01-06', '01-07', '01-08'];

function range(fromMonth: number, fromDay: number, toDay: number): string[] {
  const days: string[] = [];
  for (let d = fromDay; d <= toDay; d++) days.push(`${String(fromMonth).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  return days;
}

export const PRODUCTION_CALENDAR: Readonly<Record<number, CalendarYear>> = {
  2020: {
    daysOff: [
      ...['01-01', '01-02', '01-03', '01-06', '01-07', '01-08'],
      '02-24',
      '03-09',
      // COVID-19: нерабочие дни 30.03–08.05 (Указы № 206, 239, 294), then May 11 for May 9.
      ...range(3, 30, 31),
      ...range(4, 1, 30),
      ...range(5, 1, 8),
      '05-11',
      '06-12',
      '06-24',
      '07-01',
      '11-04',
    ],
    workingWeekends: [],
    source:
      'Постановление Правительства РФ от 10.07.2019 № 875; Указы Президента РФ от 25.03.2020 № 206, от 02.04.2020 № 239, от 28.04.2020 № 294 (нерабочие дни 30.03–08.05.2020), от 01.06.2020 № 354 (24.06.2020), от 02.06.2020 № 363 (01.07.2020)',
  },
  2021: {
    daysOff: [
      '01-01',
      '01-04',
      '01-05',
      '01-06',
      '01-07',
      '01-08',
      '02-22',
      '02-23',
      '03-08',
      '05-03',
      ...range(5, 4, 7),
      '05-10',
      '06-14',
      '11-01',
      '11-02',
      '11-03',
      '11-04',
      '11-05',
      '12-31',
    ],
    workingWeekends: ['02-20'],
    source:
      'Постановление Правительства РФ от 10.10.2020 № 1648 (02.01→05.11, 03.01→31.12, 20.02→22.02); Указы Президента РФ от 23.04.2021 № 242 (04–07.05.2021) и от 20.10.2021 № 595 (30.10–07.11.2021)',
  },
  2022: {
    daysOff: ['01-03', '01-04', '01-05', '01-06', '01-07', '02-23', '03-07', '03-08', '05-02', '05-03', '05-09', '05-10', '06-13', '11-04'],
    workingWeekends: ['03-05'],
    source:
      'Постановление Правительства РФ от 16.09.2021 № 1564 (01.01→03.05, 02.01→10.05, 05.03→07.03)',
  },
  2023: {
    daysOff: ['01-02', '01-03', '01-04', '01-05', '01-06', '02-23', '02-24', '03-08', '05-01', '05-08', '05-09', '06-12', '11-06'],
    workingWeekends: [],
    source:
      'Постановление Правительства РФ от 29.08.2022 № 1505 (01.01→24.02, 08.01→08.05)',
  },
  2024: {
    daysOff: [
      '01-01',
      '01-02',
      '01-03',
      '01-04',
      '01-05',
      '01-08',
      '02-23',
      '03-08',
      '04-29',
      '04-30',
      '05-01',
      '05-09',
      '05-10',
      '06-12',
      '11-04',
      '12-30',
      '12-31',
    ],
    workingWeekends: ['04-27', '11-02', '12-28'],
    source:
      'Постановление Правительства РФ от 10.08.2023 № 1314 (06.01→10.05, 07.01→31.12, 27.04→29.04, 02.11→30.04, 28.12→30.12)',
  },
  2025: {
    daysOff: ['01-01', '01-02', '01-03', '01-06', '01-07', '01-08', '05-01', '05-02', '05-08', '05-09', '06-12', '06-13', '11-03', '11-04', '12-31'],
    workingWeekends: ['11-01'],
    source:
      'Постановление Правительства РФ от 04.10.2024 № 1335 (04.01→02.05, 05.01→31.12, 23.02→08.05, 08.03→13.06, 01.11→03.11)',
  },
  2026: {
    daysOff: ['01-01', '01-02', '01-05', '01-06', '01-07', '01-08', '01-09', '02-23', '03-09', '05-01', '05-11', '06-12', '11-04', '12-31'],
    workingWeekends: [],
    source:
      'Постановление Правительства РФ от 24.09.2025 о переносе выходных дней в 2026 году (03.01→09.01, 04.01→31.12)',
  },
  2027: {
    // PROVISIONAL: art. 112 part 2 (01.05→03.05, 09.05→10.05, 12.06→14.06) plus the transfer announced in
    // the draft (Минтруд, reported December 2025): 13.11 (Sat) worked, 05.11 off. Where the decree puts the
    // January weekend holidays (02.01 Sat, 03.01 Sun) is not in this data yet: check the signed decree.
    daysOff: ['01-01', '01-04', '01-05', '01-06', '01-07', '01-08', '02-23', '03-08', '05-03', '05-10', '06-14', '11-04', '11-05'],
    workingWeekends: ['11-13'],
    source: 'ТК РФ ст. 112; проект постановления Правительства РФ о переносе выходных дней в 2027 году (13.11→05.11)',
    provisional: true,
  },
};

/** Public holidays (art. 112 ТК РФ), `MM-DD`: the base of the rule-based fallback. */
export const PUBLIC_HOLIDAYS: readonly string[] = [...JAN_1_8, '01-04', '01-05', '02-23', '03-08', '05-01', '05-09', '06-12', '11-04'];
