import { layoutPdf, type PdfItem, type PdfPage } from './pdf-layout';
import type { SourceTable } from '../model';

const item = (str: string, x: number, y: number, bold = false): PdfItem => ({
  str,
  x,
  y,
  w: str.length * 5,
  size: 10,
  bold,
});
const h = (y: number, x1: number, x2: number): [number, number, number, number] => [x1, y, x2, y];
const v = (x: number, y1: number, y2: number): [number, number, number, number] => [x, y1, x, y2];

/**
 *   y 700 ┌────┬──────────┬──────┐
 *         │ №  │ Мероприя │ Срок │   header
 *   y 680 ├────┴──────────┴──────┤
 *         │ 1. Раздел            │   spanning heading (no inner verticals)
 *   y 660 ├────┬──────────┬──────┤
 *         │1.1.│ Первое   │ Март │
 *   y 640 │    ├──────────┼──────┤   the № cell is merged down (no rule under it)
 *         │    │ Второе   │ Май  │
 *   y 620 └────┴──────────┴──────┘
 */
function page(): PdfPage {
  return {
    number: 1,
    width: 600,
    height: 800,
    items: [
      item('ПЛАН МЕРОПРИЯТИЙ', 50, 740, true),
      item('№', 55, 686),
      item('Мероприятие', 105, 686),
      item('Срок', 305, 686),
      item('1. Раздел', 55, 666, true),
      item('1.1.', 55, 646),
      item('Первое', 105, 646),
      item('Март', 305, 646),
      item('Второе', 105, 626),
      item('Май', 305, 626),
    ],
    lines: [
      h(700, 50, 400),
      h(680, 50, 400),
      h(660, 50, 400),
      h(640, 100, 400),
      h(620, 50, 400),
      v(50, 620, 700),
      v(400, 620, 700),
      v(100, 680, 700),
      v(300, 680, 700),
      v(100, 620, 660),
      v(300, 620, 660),
    ],
  };
}

describe('PDF layout', () => {
  it('rebuilds a ruled table with column and row spans, prose outside it', () => {
    const doc = layoutPdf([page()]);
    expect(doc.blocks[0]).toMatchObject({ kind: 'paragraph', text: 'ПЛАН МЕРОПРИЯТИЙ', bold: true });
    const table = doc.blocks[1] as SourceTable;
    expect(table.rows.map((r) => r.cells.map((c) => [c.text, c.colSpan, c.rowSpan]))).toEqual([
      [
        ['№', 1, 1],
        ['Мероприятие', 1, 1],
        ['Срок', 1, 1],
      ],
      [['1. Раздел', 3, 1]],
      [
        ['1.1.', 1, 2],
        ['Первое', 1, 1],
        ['Март', 1, 1],
      ],
      [
        ['Второе', 1, 1],
        ['Май', 1, 1],
      ],
    ]);
    expect(table.rows[1]!.cells[0]!.bold).toBe(true);
  });

  it('continues a table on the next page and marks the page break', () => {
    const second: PdfPage = {
      ...page(),
      number: 2,
      items: page()
        .items.filter((i) => i.y < 700 && i.y > 640)
        .map((i) => ({ ...i })),
    };
    const doc = layoutPdf([page(), second]);
    const tables = doc.blocks.filter((b): b is SourceTable => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows;
    expect(rows).toHaveLength(8);
    expect(rows[4]).toMatchObject({ breakBefore: true, page: 2 });
  });

  it('reads a page without rulings by the header positions: a № column says where rows start', () => {
    const doc = layoutPdf([
      {
        number: 1,
        width: 600,
        height: 800,
        lines: [],
        items: [
          item('№', 50, 700),
          item('Мероприятие', 100, 700),
          item('Срок', 300, 700),
          item('1', 50, 680),
          item('Разработка', 100, 680),
          item('В течение', 300, 680),
          item('«Положения»', 100, 668),
          item('года', 300, 668),
          item('2', 50, 656),
          item('Утверждение', 100, 656),
          item('Март', 300, 656),
        ],
      },
    ]);
    const table = doc.blocks.find((b): b is SourceTable => b.kind === 'table')!;
    expect(table.rows.map((r) => [r.cells.map((c) => c.text), r.breakBefore])).toEqual([
      [['№', 'Мероприятие', 'Срок'], false],
      [['1', 'Разработка «Положения»', 'В течение года'], false],
      [['2', 'Утверждение', 'Март'], false],
    ]);
    expect(doc.warnings).toHaveLength(1);
  });

  it('without a № column, leaves each line to the assembler as a fragment', () => {
    const doc = layoutPdf([
      {
        number: 1,
        width: 600,
        height: 800,
        lines: [],
        items: [
          item('Мероприятие', 100, 700, true),
          item('Срок', 300, 700, true),
          item('Разработка', 100, 680),
          item('Январь', 300, 680),
          item('положения', 100, 668),
        ],
      },
    ]);
    const table = doc.blocks.find((b): b is SourceTable => b.kind === 'table')!;
    expect(table.rows.map((r) => [r.cells.map((c) => c.text), r.breakBefore])).toEqual([
      [['Мероприятие', 'Срок'], false],
      [['Разработка', 'Январь'], true],
      [['положения', ''], true],
    ]);
  });
});
