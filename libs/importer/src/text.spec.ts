import {
  cleanText,
  isRuleText,
  isWhollyBold,
  joinFragments,
  parseRussianDate,
  splitLeadingNumber,
  startsLowercase,
  startsWithListMarker,
} from './text';

describe('text helpers', () => {
  it('removes HTML remnants and keeps list bullets once', () => {
    expect(cleanText('<p>Формирование актива:</p> <ul style="x"> <li>• обновление состава</li> </ul>')).toBe(
      'Формирование актива: • обновление состава',
    );
    expect(cleanText('<ul><li>первый</li><li>второй</li></ul>')).toBe('• первый • второй');
    expect(cleanText('**Комплекс мер**&nbsp;&laquo;x&raquo;')).toBe('Комплекс мер «x»');
    expect(cleanText('<u>Задача:</u> Обеспечить')).toBe('Задача: Обеспечить');
  });

  it('tells bold cells', () => {
    expect(isWhollyBold('<b>1. Управление</b>')).toBe(true);
    expect(isWhollyBold('**Направление**')).toBe(true);
    expect(isWhollyBold('<b>1.</b> Управление')).toBe(false);
  });

  it('joins fragments, a hyphenated break without a space', () => {
    expect(joinFragments('Региональное учебно-', 'методическое объединение')).toBe(
      'Региональное учебно-методическое объединение',
    );
    expect(joinFragments('Проект', 'положения')).toBe('Проект положения');
    expect(joinFragments('(соисполнители', ')')).toBe('(соисполнители)');
    expect(joinFragments('', 'x')).toBe('x');
  });

  it('recognises continuation starts', () => {
    expect(startsLowercase('том числе для')).toBe(true);
    expect(startsLowercase('(комплексы мер')).toBe(true);
    expect(startsLowercase('«Траектория»')).toBe(false);
    expect(startsLowercase('Утверждение')).toBe(false);
    expect(startsWithListMarker('• «Организация»')).toBe(true);
    expect(startsWithListMarker('4) конкурс')).toBe(true);
    expect(startsWithListMarker('1.4. Формирование')).toBe(false);
  });

  it('splits a leading activity number off a title', () => {
    expect(splitLeadingNumber('1.1.1. Утверждено Положение')).toEqual({
      number: '1.1.1.',
      rest: 'Утверждено Положение',
    });
    expect(splitLeadingNumber('2.1.5.Разработаны программы')).toEqual({
      number: '2.1.5.',
      rest: 'Разработаны программы',
    });
    expect(splitLeadingNumber('4) конкурс')).toBeNull();
    expect(splitLeadingNumber('III Открытый форум')).toBeNull();
  });

  it('reads border rows as decoration', () => {
    expect(isRuleText('--')).toBe(true);
    expect(isRuleText('+-----+----+')).toBe(true);
    expect(isRuleText('-')).toBe(true);
    expect(isRuleText('1-2')).toBe(false);
  });

  it('parses Russian dates', () => {
    expect(parseRussianDate('от «31» мая 2023 г. № 872')).toBe('2023-05-31');
    expect(parseRussianDate('от 13.08.2021 № 2625')).toBe('2021-08-13');
    expect(parseRussianDate('от 31.02.2021')).toBeNull();
  });
});
