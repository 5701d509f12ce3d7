import { SectionStack, explicitSectionKind, isLabelOnly } from './sections';

describe('sections', () => {
  it('recognises headings by their words', () => {
    expect(explicitSectionKind('Направление 1 «Управление системой»')).toBe('direction');
    expect(explicitSectionKind('Направление № 2. «Непрерывное повышение»')).toBe('direction');
    expect(explicitSectionKind('1 Задача: Обеспечить модернизацию')).toBe('task');
    expect(explicitSectionKind('2021 год')).toBe('year');
    expect(explicitSectionKind('Разработка положения')).toBeNull();
    expect(isLabelOnly('Направление 1')).toBe(true);
    expect(isLabelOnly('Направление 1 «Управление»')).toBe(false);
  });

  it('nests by kind: a kind already open closes its level', () => {
    const s = new SectionStack();
    s.enter('Формирование РСНМС');
    expect(s.path()).toEqual(['Формирование РСНМС']);
    s.enter('Функционирование РСНМС');
    s.enter('Направление 1. Сопровождение');
    expect(s.path()).toEqual(['Функционирование РСНМС', 'Направление 1. Сопровождение']);
    s.enter('Направление 2. Фасилитация');
    expect(s.path()).toEqual(['Функционирование РСНМС', 'Направление 2. Фасилитация']);
    s.enter('Совершенствование РСНМС');
    expect(s.path()).toEqual(['Совершенствование РСНМС']);
  });

  it('joins a label with its name on the next row, and knows the year it narrows to', () => {
    const s = new SectionStack();
    s.enter('Направление 1');
    expect(s.lastIsLabelOnly()).toBe(true);
    s.extendLast('«Управление системой»');
    expect(s.path()).toEqual(['Направление 1 «Управление системой»']);
    s.enter('2022 год');
    expect(s.year()).toBe(2022);
  });
});
