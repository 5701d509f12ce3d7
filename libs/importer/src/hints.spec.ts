import { scheduleHints } from './hints';

describe('scheduleHints', () => {
  it('finds frequency facts in results', () => {
    expect(scheduleHints({ result: 'Не менее 4 заседаний ежегодно' })).toEqual([
      'Не менее 4 заседаний ежегодно',
    ]);
    expect(scheduleHints({ result: 'Проведение мероприятия 2 раза в месяц' })).toEqual(['2 раза в месяц']);
    expect(scheduleHints({ result: '30 % педагогических работников прошли диагностику, ежегодно' })).toEqual([
      'ежегодно',
    ]);
    expect(scheduleHints({ result: 'Повысили компетенции члены актива (не менее 50% ежегодно)' })).toEqual([
      'не менее 50% ежегодно',
    ]);
  });

  it('finds frequencies in titles, but not the plan span a title names', () => {
    expect(
      scheduleHints({ title: 'Организация деятельности совета: проведение ежеквартальных заседаний.' }),
    ).toEqual(['ежеквартальных заседаний']);
    expect(scheduleHints({ title: 'Разработка дорожной карты на период до 2024 года' })).toEqual([]);
  });

  it('finds deadlines stated in results', () => {
    expect(scheduleHints({ result: 'К концу 2024 года 100% педагогов включены' })).toEqual([
      'К концу 2024 года',
    ]);
    expect(scheduleHints({ result: 'обучены (не менее 40 % до 2024).' })).toEqual(['до 2024']);
    expect(scheduleHints({ result: 'Приказ об утверждении плана на период до 2024 года' })).toEqual([]);
  });

  it('gives nothing for plain text', () => {
    expect(scheduleHints({ title: 'Разработка положения', result: 'Проект положения' })).toEqual([]);
  });
});
