import { toGrid } from './grid';
import { classifyHeader, detectColumns, inferColumns, isNumberedHeaderRow, periodPhrase } from './header';
import { cell, type SourceTable } from './model';

const textTable = (lines: string[]): SourceTable => ({
  kind: 'table',
  ragged: true,
  rows: lines.map((l, i) => ({ cells: l.split('\t').map((t) => cell(t)), line: i + 1, breakBefore: false })),
});

describe('column roles', () => {
  it.each<[string, string]>([
    ['№', 'number'],
    ['N п/п', 'number'],
    ['№ п/п', 'number'],
    ['Наименование мероприятия', 'title'],
    ['Мероприятие', 'title'],
    ['Наименование системообразующего мероприятия регионального уровня', 'parent'],
    ['Ответственный субъект РС НМС', 'responsible'],
    ['Ответственные', 'responsible'],
    ['Ответственный исполнитель (соисполнители)', 'executors'],
    ['Срок', 'term'],
    ['Сроки', 'term'],
    ['Срок реализации', 'term'],
    ['Срок реализации мероприятия', 'term'],
    ['Дата исполнения', 'term'],
    ['Контрольная точка', 'term'],
    ['Период реализации', 'term'],
    ['Плановая дата', 'term'],
    ['Периодичность', 'term'],
    ['Годы реализации', 'term'],
    ['Реквизиты документа (дата, номер)', 'result'],
    ['Результат', 'result'],
    ['Результат выполнения мероприятия', 'result'],
    ['Документ, подтверждающий исполнение', 'result'],
    ['Использование результатов', 'result'],
    ['Примечание', 'extra'],
    ['I кв.', 'period'],
    ['2 полугодие', 'period'],
  ])('%s → %s', (header, role) => {
    expect(classifyHeader(header)).toBe(role);
  });

  it('names the periods of schedule columns', () => {
    expect(periodPhrase('I кв.')).toBe('1 квартал');
    expect(periodPhrase('IV квартал', 'Срок исполнения (2024 год)')).toBe('4 квартал 2024');
    expect(periodPhrase('Март')).toBe('март');
    expect(periodPhrase('2023 г.')).toBe('2023 год');
    expect(periodPhrase('Срок')).toBeNull();
  });

  it('reads roles in any order, with one responsibility column as responsible', () => {
    const m = detectColumns(
      toGrid(
        textTable([
          '№\tНаименование мероприятия\tСроки\tОтветственный исполнитель',
          '1.1.\tРазработка\tЯнварь\tЦНППМ',
        ]),
      ),
    )!;
    expect(m.columns.map((c) => c.role)).toEqual(['number', 'title', 'term', 'responsible']);
    expect(m.dataStart).toBe(1);
  });

  it('skips the numbered row under the header', () => {
    const g = toGrid(
      textTable([
        '№\tНаименование мероприятия\tОтветственный\tРезультат\tСрок',
        '1\t2\t3\t4\t5',
        '1\tОпределен\tминистерство\tакт\t2021',
      ]),
    );
    expect(isNumberedHeaderRow(g.rows[1]!)).toBe(true);
    expect(detectColumns(g)!.dataStart).toBe(2);
  });

  it('reads a two-level header of a text copy', () => {
    const g = toGrid(
      textTable([
        '№\tМероприятие\tОтветственный\tСрок исполнения\t\t\t\tРезультат',
        '\t\t\tI кв.\tII кв.\tIII кв.\tIV кв.\t',
        '1\tЗаседание\tЦНППМ\tх\t-\tх\t-\tПротокол',
      ]),
    );
    const m = detectColumns(g)!;
    expect(m.columns.map((c) => c.role)).toEqual([
      'number',
      'title',
      'responsible',
      'period',
      'period',
      'period',
      'period',
      'result',
    ]);
    expect(m.columns[4]!.header).toBe('Срок исполнения / II кв.');
    expect(m.dataStart).toBe(2);
  });

  it('reads a two-level header drawn with spans', () => {
    const table: SourceTable = {
      kind: 'table',
      ragged: false,
      rows: [
        {
          cells: [
            cell('№', false, 1, 2),
            cell('Мероприятие', false, 1, 2),
            cell('Срок (2024 год)', false, 2, 1),
            cell('Результат', false, 1, 2),
          ],
          line: 1,
          breakBefore: false,
        },
        { cells: [cell('1 полугодие'), cell('2 полугодие')], line: 2, breakBefore: false },
        {
          cells: [cell('1'), cell('Семинар'), cell('х'), cell(''), cell('Программа')],
          line: 3,
          breakBefore: false,
        },
      ],
    };
    const m = detectColumns(toGrid(table))!;
    expect(m.columns.map((c) => c.role)).toEqual(['number', 'title', 'period', 'period', 'result']);
    expect(m.columns.map((c) => c.periodPhrase)).toEqual([
      undefined,
      undefined,
      '1 полугодие 2024',
      '2 полугодие 2024',
      undefined,
    ]);
    expect(m.dataStart).toBe(2);
  });

  it('infers roles of a table without header from its content', () => {
    const g = toGrid(
      textTable([
        '1\tРазработка положения о школьном центре\tГАОУ ДПО «ИРО»\tДо 01.03.2024\tПроект положения о центре, согласованный',
        '2\tПроведение семинаров для педагогов\tЦНППМ\tВ течение года\tПрограммы семинаров и списки участников',
      ]),
    );
    expect(detectColumns(g)).toBeNull();
    const m = inferColumns(g, {
      isTermLike: (t) => /^(До|В течение)/.test(t),
      isPartyLike: (t) => /ЦНППМ|ГАОУ/.test(t),
    })!;
    expect(m.inferred).toBe(true);
    expect(m.columns.map((c) => c.role)).toEqual(['number', 'title', 'responsible', 'term', 'result']);
  });
});
