import type { DraftActivity } from './assemble';
import { checkNumbering, isNaturalSuccessor } from './numbering';

const draft = (number: string | null, line: number, section = ['s']): DraftActivity => ({
  number,
  numberRepeated: false,
  section,
  sectionYear: null,
  parent: null,
  title: 't',
  responsible: '',
  executors: '',
  term: '',
  periods: [],
  result: '',
  extra: {},
  line,
  fusedTerm: false,
});

describe('numbering checks', () => {
  it('knows outline successors', () => {
    expect(isNaturalSuccessor([1, 1, 4], [1, 2, 1])).toBe(true);
    expect(isNaturalSuccessor([1, 13], [1, 14])).toBe(true);
    expect(isNaturalSuccessor([1, 13], [1, 15])).toBe(false);
    expect(isNaturalSuccessor([1, 2], [1, 2, 1])).toBe(true);
    expect(isNaturalSuccessor([1, 2, 1], [2, 2])).toBe(false);
  });

  it('warns about repeats and gaps once each', () => {
    const repeat = checkNumbering([draft('1.3.', 1), draft('1.4.', 2), draft('1.4.', 3), draft('1.5.', 4)]);
    expect(repeat.map((x) => x.line)).toEqual([3]);
    expect(repeat[0]!.message).toContain('1.4. повторяется');
    const gap = checkNumbering([draft('1.12', 1), draft('1.13', 2), draft('1.15', 3), draft('1.16.', 4)]);
    expect(gap.map((x) => x.line)).toEqual([3]);
    expect(gap[0]!.message).toContain('1.15 не следует за 1.13');
  });

  it('restarts per section and reports a wrong number only once', () => {
    expect(checkNumbering([draft('1', 1, ['a']), draft('2', 2, ['a']), draft('1', 3, ['b'])])).toEqual([]);
    const w = checkNumbering([draft('1.1.4.', 1), draft('1.2.1.', 2), draft('2.2.', 3), draft('1.3.1.', 4)]);
    expect(w).toHaveLength(1);
    expect(w[0]!.line).toBe(3);
  });

  it('checks numbers against the parent over them, once per parent', () => {
    const parent = (text: string, line: number) => ({ text, line, children: 2 });
    const wrongParent = parent('1.2.1.Разработка критериев', 5);
    const w = checkNumbering([
      { ...draft('1.1.1.', 1), parent: parent('1.1. Разработка', 1) },
      { ...draft('1.2.1.', 5), parent: wrongParent },
      { ...draft('1.2.2.', 6), parent: wrongParent },
      { ...draft('2.1.', 7), parent: parent('1.3. Организация', 7) },
    ]).filter((x) => x.message.includes('системообразующего'));
    expect(w.map((x) => [x.line, x.message])).toEqual([
      [5, 'номер 1.2.1. совпадает с номером системообразующего мероприятия над ним'],
      [7, 'номер 2.1. не входит в номер системообразующего мероприятия 1.3.'],
    ]);
  });
});
