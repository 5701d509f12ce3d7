import { parseTextDocument } from './adapters/text';
import { assemble, type AssemblyDeps } from './assemble';
import { toGrid } from './grid';
import { detectColumns } from './header';
import type { SourceTable } from './model';

const noFused: AssemblyDeps = { splitFusedTerm: () => null };

function run(lines: string[], deps: AssemblyDeps = noFused) {
  const doc = parseTextDocument(lines.join('\n'));
  const table = doc.blocks.find((b): b is SourceTable => b.kind === 'table')!;
  const grid = toGrid(table);
  const model = detectColumns(grid)!;
  return assemble(grid.rows.slice(model.dataStart), model, deps);
}

const SIX =
  'Наименование системообразующего мероприятия\tНаименование мероприятия\tОтветственный субъект\tОтветственный исполнитель (соисполнители)\tСрок\tРезультат';

describe('row assembly', () => {
  it('carries a merged parent and joins a parent cut by a page break while the row starts a new activity', () => {
    const { activities } = run([
      SIX,
      'Направление 1 «Управление»\t\t\t\t\t',
      'Организация мониторингов функционирования РС\tУчастие в мониторинге\tЦНППМ\tРуководитель\tИюнь, ежегодно\tОтчет',
      '',
      'НМС, отдельных субъектов\tМониторинг субъектов\tЦНППМ\tРуководитель\tОктябрь, ежегодно\tСправка',
      '\tУчастие в федеральном мониторинге\tДепартамент\tДиректор\tНоябрь, ежегодно\tОтчет',
      'Сопровождение разработки документации\tКорректировка положения\tКОИРО\tРектор\tФевраль, 2023\tПроект',
      '',
      '(комплексы мер, соглашения)\tУтверждение положения\tДепартамент\tДиректор\tМай, 2023\tПриказ',
    ]);
    expect(activities.map((a) => [a.title, a.parent?.text, a.section])).toEqual([
      [
        'Участие в мониторинге',
        'Организация мониторингов функционирования РС НМС, отдельных субъектов',
        ['Направление 1 «Управление»'],
      ],
      [
        'Мониторинг субъектов',
        'Организация мониторингов функционирования РС НМС, отдельных субъектов',
        ['Направление 1 «Управление»'],
      ],
      [
        'Участие в федеральном мониторинге',
        'Организация мониторингов функционирования РС НМС, отдельных субъектов',
        ['Направление 1 «Управление»'],
      ],
      [
        'Корректировка положения',
        'Сопровождение разработки документации (комплексы мер, соглашения)',
        ['Направление 1 «Управление»'],
      ],
      [
        'Утверждение положения',
        'Сопровождение разработки документации (комплексы мер, соглашения)',
        ['Направление 1 «Управление»'],
      ],
    ]);
  });

  it('joins fragments after a page break cell by cell, skipping the repeated number row', () => {
    const { activities } = run([
      '№\tНаименование мероприятия\tОтветственный\tРезультат\tСрок',
      '1\t2\t3\t4\t5',
      '1.1.\tРазработка положения о учебно-\tГАОУ ДПО «ИРО»\tПроект\tДо 01.03.2024',
      '',
      '1\t2\t3\t4\t5',
      '\tметодическом центре\tЦНППМ\tположения\t',
      '1.2.\tУтверждение положения\tМинистерство\tПриказ\tАпрель 2024',
    ]);
    expect(activities.map((a) => [a.number, a.title, a.responsible, a.result, a.term])).toEqual([
      [
        '1.1.',
        'Разработка положения о учебно-методическом центре',
        'ГАОУ ДПО «ИРО» ЦНППМ',
        'Проект положения',
        'До 01.03.2024',
      ],
      ['1.2.', 'Утверждение положения', 'Министерство', 'Приказ', 'Апрель 2024'],
    ]);
  });

  it('aligns rows that lost the merged first column and splits a term fused with the result', () => {
    const deps: AssemblyDeps = {
      splitFusedTerm: (t) => (t.startsWith('Ежегодно ') ? { term: 'Ежегодно', rest: t.slice(9) } : null),
    };
    const { activities, warnings } = run(
      [
        SIX,
        '2.1. Повышение квалификации\t2.1.1. Разработаны программы\tАМИРО\tЦНППМ\tЕжегодно\tОбучены',
        '2.1.2. Разработаны программы по\tАМИРО\tЦНППМ\tЕжегодно\tОбучены педагоги',
        '',
        'вопросам цифровой среды\t\t\t\tне менее 40 %',
        '\t2.1.3. Проектные сессии\tМинистерство\tАМИРО\tЕжегодно Тиражирование опыта',
      ],
      deps,
    );
    expect(activities.map((a) => [a.number, a.title, a.parent?.text, a.term, a.result])).toEqual([
      ['2.1.1.', 'Разработаны программы', '2.1. Повышение квалификации', 'Ежегодно', 'Обучены'],
      [
        '2.1.2.',
        'Разработаны программы по вопросам цифровой среды',
        '2.1. Повышение квалификации',
        'Ежегодно',
        'Обучены педагоги не менее 40 %',
      ],
      ['2.1.3.', 'Проектные сессии', '2.1. Повышение квалификации', 'Ежегодно', 'Тиражирование опыта'],
    ]);
    expect(warnings.map((w) => w.line)).toEqual([6]);
    expect(activities[2]!.fusedCell).toBe('Ежегодно Тиражирование опыта');
  });

  it('keeps a fused term cell in place when it cannot be split, and says so', () => {
    const { activities, warnings } = run([
      SIX,
      '3.4. Информирование	3.4.2. Конференция	Министерство	АМИРО	Ежегодно	Отчет',
      '	3.4.3. Форум	Министерство	АМИРО ЦНППМ	В течение года Тиражирование опыта',
    ]);
    expect(activities.map((a) => [a.number, a.title, a.responsible, a.executors, a.term, a.result])).toEqual([
      ['3.4.2.', 'Конференция', 'Министерство', 'АМИРО', 'Ежегодно', 'Отчет'],
      ['3.4.3.', 'Форум', 'Министерство', 'АМИРО ЦНППМ', 'В течение года Тиражирование опыта', ''],
    ]);
    expect(activities[1]!.fusedCell).toBe('В течение года Тиражирование опыта');
    expect(warnings).toEqual([
      { line: 3, message: expect.stringContaining('слит с результатом и не разделён') },
    ]);
  });

  it('joins a label row with its name, and reads numbered bold rows and task rows as sections', () => {
    const { activities } = run([
      '№\tМероприятие\tОтветственные\tСроки\tРезультат',
      '1\tЗадача: Обеспечить модернизацию\t\t\t',
      '1.1.\tПодготовка приказа\tШешерина Г.А.\tДо 15.03.2021\tПроект',
      '<b>2. Развитие инфраструктуры</b>\t\t\t\t',
      '2.1.\tОрганизация совета\tЛОИРО\tВ течение года\tПлан',
    ]);
    expect(activities.map((a) => a.section)).toEqual([
      ['1 Задача: Обеспечить модернизацию'],
      ['2. Развитие инфраструктуры'],
    ]);
    const labelled = run([
      SIX,
      'Направление 1\t\t\t\t\t',
      '«Управление системой»\t\t\t\t\t',
      '1.1. Разработка\t1.1.1. Утверждено\tМинистерство\tМинистерство\tдо 15.05.2023\tПриказ',
    ]);
    expect(labelled.activities[0]!.section).toEqual(['Направление 1 «Управление системой»']);
  });

  it('continues a list across a page break and never drops a row silently', () => {
    const { activities, warnings } = run([
      '№\tНаименование мероприятия\tСроки\tОтветственный исполнитель',
      '3.3.\tПроведение семинаров: • «Службы»\tАпрель\tРМЦ',
      '',
      '\t<ul><li>• «Объединения»</li></ul>\t\t',
      '<p>продолжение без номера</p>\t\t',
      '--\t--\t--',
    ]);
    const orphan = run(['№\tНаименование мероприятия\tСроки\tОтветственный исполнитель', '\t\tАпрель\tРМЦ']);
    expect(orphan.activities).toEqual([]);
    expect(orphan.warnings).toEqual([{ line: 2, message: expect.stringContaining('без наименования') }]);
    expect(activities).toHaveLength(1);
    expect(activities[0]!.title).toBe(
      'Проведение семинаров: • «Службы» • «Объединения» продолжение без номера',
    );
    expect(warnings).toEqual([{ line: 5, message: expect.stringContaining('продолжает предыдущую') }]);
  });
});
