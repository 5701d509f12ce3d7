import type { SourceParagraph } from './model';
import { findApproval, findPeriod, findTitle } from './metadata';

const paras = (...texts: Array<string | [string, boolean]>): SourceParagraph[] =>
  texts.map((t, i) =>
    Array.isArray(t)
      ? { kind: 'paragraph', text: t[0], bold: t[1], line: i + 1 }
      : { kind: 'paragraph', text: t, bold: false, line: i + 1 },
  );

describe('metadata', () => {
  it('reads an approval stamp', () => {
    expect(
      findApproval(
        paras(
          'Приложение № 2',
          'Утвержден приказом департамента образования и науки Костромской области от «31» мая 2023 г. № 872',
        ),
      ),
    ).toEqual({
      by: 'приказом департамента образования и науки Костромской области',
      date: '2023-05-31',
      number: '872',
      instrument: 'приказ',
    });
    expect(findApproval(paras('УТВЕРЖДЕН', 'приказом министерства от 13.08.2021 № 2625'))).toMatchObject({
      date: '2021-08-13',
      number: '2625',
    });
    expect(
      findApproval(paras('«Утвержден» распоряжением комитета от 12.05.2023 № 1184-р (приложение)')),
    ).toMatchObject({ number: '1184-р', instrument: 'распоряжение' });
  });

  it('falls back to the order the plan is attached to', () => {
    const p = paras(
      ['МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ АМУРСКОЙ ОБЛАСТИ', true],
      'П Р И К А З',
      'г. Благовещенск',
      '12.05.2023 № 464',
      '1. Утвердить:',
    );
    expect(findApproval(p)).toEqual({
      by: 'МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ АМУРСКОЙ ОБЛАСТИ',
      date: '2023-05-12',
      number: '464',
      instrument: 'приказ',
    });
    expect(findApproval(paras('Дорожная карта'))).toBeNull();
  });

  it('takes the plan title, not the order title', () => {
    expect(
      findTitle(
        paras(['Об утверждении Комплекса мер (дорожной карты)', true], 'текст', [
          'КОМПЛЕКС МЕР (дорожная карта) по формированию системы',
          true,
        ]),
      ),
    ).toBe('КОМПЛЕКС МЕР (дорожная карта) по формированию системы');
  });

  it.each<[string, number | null, { from: string; to: string } | null]>([
    ['Комплекс мер на период до 2024 года', 2023, { from: '2023-01-01', to: '2024-12-31' }],
    ['План мероприятий в 2023 году', null, { from: '2023-01-01', to: '2023-12-31' }],
    ['План на 2021 - 2022 гг.', null, { from: '2021-01-01', to: '2022-12-31' }],
    ['Дорожная карта на период 2020-2024 годы', null, { from: '2020-01-01', to: '2024-12-31' }],
    ['План работы на 2023/2024 учебный год', null, { from: '2023-09-01', to: '2024-08-31' }],
    ['Комплекс мер по формированию системы', 2021, null],
  ])('period of «%s»', (text, approvedYear, period) => {
    expect(findPeriod([text], approvedYear)?.period ?? null).toEqual(period);
  });
});
