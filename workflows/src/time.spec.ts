import { addDays, endOfLocalDay, isIsoDate, localDate, zonedInstant } from './time';

describe('time', () => {
  it('places 09:00 local in the region zone', () => {
    expect(new Date(zonedInstant('2023-10-31', '09:00', 'Europe/Moscow')).toISOString()).toBe(
      '2023-10-31T06:00:00.000Z',
    );
    expect(new Date(zonedInstant('2023-10-31', '09:00', 'Asia/Yakutsk')).toISOString()).toBe(
      '2023-10-31T00:00:00.000Z',
    );
    expect(new Date(zonedInstant('2024-01-01', '00:00', 'Asia/Yakutsk')).toISOString()).toBe(
      '2023-12-31T15:00:00.000Z',
    );
  });

  it('settles zones with daylight saving time', () => {
    expect(new Date(zonedInstant('2024-07-01', '09:00', 'Europe/Berlin')).toISOString()).toBe(
      '2024-07-01T07:00:00.000Z',
    );
    expect(new Date(zonedInstant('2024-01-15', '09:00', 'Europe/Berlin')).toISOString()).toBe(
      '2024-01-15T08:00:00.000Z',
    );
  });

  it('reads the local calendar day of an instant', () => {
    expect(localDate(Date.parse('2023-12-31T15:30:00Z'), 'Asia/Yakutsk')).toBe('2024-01-01');
    expect(localDate(Date.parse('2023-12-31T15:30:00Z'), 'Europe/Moscow')).toBe('2023-12-31');
  });

  it('ends a due day at local midnight', () => {
    expect(new Date(endOfLocalDay('2023-10-31', 'Europe/Moscow')).toISOString()).toBe(
      '2023-10-31T21:00:00.000Z',
    );
  });

  it('validates and shifts ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('31.10.2023')).toBe(false);
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});
