import { isBoxLine, parseBoxTable } from './boxdrawing';
import { parseTextDocument } from './text';

const numbered = (text: string) => text.split('\n').map((t, i) => ({ text: t, line: i + 1 }));

describe('pseudographic tables', () => {
  it('reads rule-separated rows with cells wrapped over several lines and a spanning heading', () => {
    const table = parseBoxTable(
      numbered(
        [
          '+----+--------------------+------------+',
          '| №  | Мероприятие        | Срок       |',
          '+----+--------------------+------------+',
          '| Направление 1. Управление             |',
          '+----+--------------------+------------+',
          '| 1. | Разработка         | До         |',
          '|    | учебно-            | 01.05.2021 |',
          '|    | методического      |            |',
          '|    | пособия            |            |',
          '+----+--------------------+------------+',
        ].join('\n'),
      ),
    );
    expect(table.rows.map((r) => r.cells.map((c) => [c.text, c.colSpan]))).toEqual([
      [
        ['№', 1],
        ['Мероприятие', 1],
        ['Срок', 1],
      ],
      [['Направление 1. Управление', 3]],
      [
        ['1.', 1],
        ['Разработка учебно-методического пособия', 1],
        ['До 01.05.2021', 1],
      ],
    ]);
  });

  it('reads legal-database copies drawn with ¦ and ─; without rules between rows the numbers split them', () => {
    const lines = [
      '───────────────────────────────────────',
      '¦ N  ¦ Мероприятие         ¦ Срок     ¦',
      '───────────────────────────────────────',
      '¦ 1  ¦ Разработка          ¦ Январь   ¦',
      '¦    ¦ «Положения»         ¦          ¦',
      '¦ Направление 2                       ¦',
      '¦ 2  ¦ Утверждение         ¦ Март     ¦',
      '¦    ¦ Положения           ¦ 2024     ¦',
      '───────────────────────────────────────',
    ];
    expect(lines.every(isBoxLine)).toBe(true);
    const table = parseBoxTable(numbered(lines.join('\n')));
    expect(table.rows.map((r) => [r.cells.map((c) => c.text).join('|'), r.breakBefore])).toEqual([
      ['N|Мероприятие|Срок', false],
      ['1|Разработка «Положения»|Январь', false],
      ['Направление 2', false],
      ['2|Утверждение Положения|Март 2024', false],
    ]);
  });

  it('leaves a long run of unnumbered lines without rules to the assembler as fragments', () => {
    const body = Array.from({ length: 21 }, (_, i) => [
      `| Разработка ${String(i + 1).padEnd(2)}| Январь     | Проект |`,
      '| положения    |            |        |',
    ]).flat();
    const lines = [
      '+--------------+------------+--------+',
      '| Мероприятие  | Срок       | Итог   |',
      '+--------------+------------+--------+',
      ...body,
      '+--------------+------------+--------+',
    ];
    const table = parseBoxTable(numbered(lines.join('\n')));
    expect(table.rows).toHaveLength(43);
    expect(table.rows.slice(0, 4).map((r) => [r.cells.map((c) => c.text).join('|'), r.breakBefore])).toEqual([
      ['Мероприятие|Срок|Итог', false],
      ['Разработка 1|Январь|Проект', false],
      ['положения||', true],
      ['Разработка 2|Январь|Проект', true],
    ]);
  });

  it('finds a box table inside prose', () => {
    const doc = parseTextDocument(
      ['Утвержден приказом', '', '+---+---+', '| a | b |', '+---+---+', '', 'Подпись'].join('\n'),
    );
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
  });
});
