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

  it('reads legal-database copies drawn with ¦ and ─, rows without rules between them as fragments', () => {
    const lines = [
      '───────────────────────────────────────',
      '¦ N  ¦ Мероприятие         ¦ Срок     ¦',
      '───────────────────────────────────────',
      '¦ 1  ¦ Разработка          ¦ Январь   ¦',
      '¦    ¦ положения           ¦          ¦',
      '¦ 2  ¦ Утверждение         ¦ Март     ¦',
      '───────────────────────────────────────',
    ];
    expect(lines.every(isBoxLine)).toBe(true);
    const table = parseBoxTable(numbered(lines.join('\n')));
    expect(table.rows.map((r) => [r.cells.map((c) => c.text).join('|'), r.breakBefore])).toEqual([
      ['N|Мероприятие|Срок', false],
      ['1|Разработка|Январь', false],
      ['|положения|', true],
      ['2|Утверждение|Март', true],
    ]);
  });

  it('finds a box table inside prose', () => {
    const doc = parseTextDocument(
      ['Утвержден приказом', '', '+---+---+', '| a | b |', '+---+---+', '', 'Подпись'].join('\n'),
    );
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
  });
});
