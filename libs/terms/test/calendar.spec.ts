import {
  addWorkingDays,
  hasCalendarData,
  isWorkingDay,
  nextWorkingDay,
  PRODUCTION_CALENDAR,
  workingDayOnOrAfter,
  workingDaysBetween,
} from '../src/calendar';

function workingDaysIn(year: number): number {
  let n = 0;
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1))
    if (isWorkingDay(d.toISOString().slice(0, 10))) n++;
  return n;
}

describe('production calendar', () => {
  it('covers 2020–2027 by decree, each year citing its source', () => {
    for (let y = 2020; y <= 2027; y++) {
      expect(hasCalendarData(y)).toBe(true);
      expect(PRODUCTION_CALENDAR[y].source).toMatch(/\S/);
    }
    expect(hasCalendarData(2019)).toBe(false);
    expect(hasCalendarData(2028)).toBe(false);
  });

  // The published totals for a five-day week. 2020 and 2021 also lose the non-working days the President
  // declared (2020: 30.03–08.05, 24.06, 01.07; 2021: 04–07.05 and 01–05.11), which the Government's
  // calendar (248 and 247) leaves as working days; deadlines should not fall on them, so they count as off.
  it.each([
    [2020, 219],
    [2021, 240],
    [2022, 247],
    [2023, 247],
    [2024, 248],
    [2025, 247],
    [2026, 247],
  ])('%i has %i working days', (year, days) => expect(workingDaysIn(year)).toBe(days));

  it('knows transfers: working Saturdays and moved days off', () => {
    expect(isWorkingDay('2024-04-27')).toBe(true); // Saturday worked (→ 29.04)
    expect(isWorkingDay('2024-04-29')).toBe(false);
    expect(isWorkingDay('2024-12-28')).toBe(true);
    expect(isWorkingDay('2024-12-31')).toBe(false);
    expect(isWorkingDay('2021-02-20')).toBe(true);
    expect(isWorkingDay('2023-02-24')).toBe(false); // 01.01 → 24.02
    expect(isWorkingDay('2025-05-08')).toBe(false); // 23.02 → 08.05
    expect(isWorkingDay('2025-06-13')).toBe(false); // 08.03 → 13.06
    expect(isWorkingDay('2025-11-01')).toBe(true);
    expect(isWorkingDay('2026-01-09')).toBe(false);
    expect(isWorkingDay('2023-06-13')).toBe(true);
    expect(isWorkingDay('2023-06-17')).toBe(false); // an ordinary Saturday
  });

  it.each([
    // 2024 (decree № 1314): 27.04 Saturday worked, 28.04–01.05 off; 02.11 Saturday worked, 28.12 worked.
    ['2024-04-27', true],
    ['2024-04-29', false],
    ['2024-04-30', false],
    ['2024-05-01', false],
    ['2024-05-02', true],
    ['2024-11-02', true],
    ['2024-12-30', false],
    // 2025 (decree № 1335): 01–04.05 and 08–11.05 off, 01.11 Saturday worked, 03.11 off.
    ['2025-05-02', false],
    ['2025-05-03', false],
    ['2025-05-05', true],
    ['2025-05-08', false],
    ['2025-05-09', false],
    ['2025-05-12', true],
    ['2025-11-01', true],
    ['2025-11-03', false],
    ['2025-12-31', false],
    // 2026 (decree of 24.09.2025): 03.01→09.01, 04.01→31.12; 09.03 for 08.03, 11.05 for 09.05.
    ['2026-01-09', false],
    ['2026-01-12', true],
    ['2026-02-23', false],
    ['2026-03-09', false],
    ['2026-05-11', false],
    ['2026-06-12', false],
    ['2026-11-04', false],
    ['2026-12-31', false],
    ['2026-12-30', true],
  ])('%s working: %s', (date, working) => expect(isWorkingDay(date as string)).toBe(working));

  it('adds and subtracts working days across holidays', () => {
    expect(addWorkingDays('2024-04-26', 1)).toBe('2024-04-27');
    expect(addWorkingDays('2024-04-27', 1)).toBe('2024-05-02');
    expect(addWorkingDays('2024-05-02', -1)).toBe('2024-04-27');
    expect(addWorkingDays('2023-06-09', 3)).toBe('2023-06-15'); // 12.06 is a holiday
    expect(addWorkingDays('2023-06-09', 0)).toBe('2023-06-09');
    expect(nextWorkingDay('2023-12-29')).toBe('2024-01-09');
    expect(workingDayOnOrAfter('2024-01-01')).toBe('2024-01-09');
    expect(workingDayOnOrAfter('2024-01-09')).toBe('2024-01-09');
    expect(workingDaysBetween('2024-04-26', '2024-05-02')).toBe(2);
    expect(workingDaysBetween('2024-05-02', '2024-04-26')).toBe(-2);
  });

  it('falls back to Mon–Fri minus the fixed holidays outside the data, moving weekend holidays (art. 112)', () => {
    expect(isWorkingDay('2030-01-08')).toBe(false);
    expect(isWorkingDay('2030-01-09')).toBe(true);
    expect(isWorkingDay('2030-06-12')).toBe(false);
    expect(isWorkingDay('2030-02-23')).toBe(false); // a Saturday: a day off anyway…
    expect(isWorkingDay('2030-02-25')).toBe(false); // …so the day off moves to Monday
    expect(isWorkingDay('2019-03-08')).toBe(false);
    expect(isWorkingDay('2019-03-11')).toBe(true);
  });

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay('2024-02-30')).toThrow(RangeError);
    expect(() => addWorkingDays('2024-01-01', 1.5)).toThrow(RangeError);
  });
});
