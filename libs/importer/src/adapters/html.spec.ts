import * as iconv from 'iconv-lite';
import type { SourceTable } from '../model';
import { readHtml } from './html';

describe('HTML adapter', () => {
  it('reads a cp1251 page with spans, nested content and prose in order', () => {
    const html = [
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body>',
      '<p>Утвержден<br>приказом от 01.02.2024 № 5</p>',
      '<table border="1">',
      '<tr><th>№</th><th>Мероприятие</th><th>Срок</th></tr>',
      '<tr><td colspan="3"><strong>1. Раздел</strong></td></tr>',
      '<tr><td rowspan="2">1.1.</td><td>Семинары:<ul><li>первый</li><li>второй</li></ul></td><td>Март&nbsp;2024</td></tr>',
      '<tr><td>Вложенная <table><tr><td>таблица</td></tr></table></td><td>Май</td></tr>',
      '</table><p>Подпись</p></body></html>',
    ].join('\n');
    const doc = readHtml(new Uint8Array(iconv.encode(html, 'windows-1251')));
    expect(doc.encoding).toBe('windows-1251');
    expect(doc.blocks.map((b) => b.kind)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(doc.blocks[0]).toMatchObject({ text: 'Утвержден приказом от 01.02.2024 № 5', line: 2 });
    const rows = (doc.blocks[1] as SourceTable).rows;
    expect(rows.map((r) => r.cells.map((c) => [c.text, c.colSpan, c.rowSpan, c.bold]))).toEqual([
      [
        ['№', 1, 1, true],
        ['Мероприятие', 1, 1, true],
        ['Срок', 1, 1, true],
      ],
      [['1. Раздел', 3, 1, true]],
      [
        ['1.1.', 1, 2, false],
        ['Семинары: • первый • второй', 1, 1, false],
        ['Март 2024', 1, 1, false],
      ],
      [
        ['Вложенная таблица', 1, 1, false],
        ['Май', 1, 1, false],
      ],
    ]);
    expect(rows.map((r) => r.line)).toEqual([4, 5, 6, 7]);
  });
});
