import { MAX_WIDTH, toGrid } from './grid';
import { cell, type SourceRow, type SourceTable } from './model';

const table = (rows: SourceRow[], ragged = false): SourceTable => ({ kind: 'table', rows, ragged });
const row = (line: number, cells = [cell('a'), cell('b')]): SourceRow => ({
  cells,
  line,
  breakBefore: false,
});

describe('table grid', () => {
  it('expands column and row spans into covered positions', () => {
    const g = toGrid(
      table([
        row(1, [cell('Раздел', true, 2, 1), cell('x', false, 1, 2)]),
        row(2, [cell('1'), cell('Семинар')]),
      ]),
    );
    expect(g.rows.map((r) => r.cells.map((c) => [c.text, c.cover]))).toEqual([
      [
        ['Раздел', null],
        ['Раздел', 'left'],
        ['x', null],
      ],
      [
        ['1', null],
        ['Семинар', null],
        ['x', 'up'],
      ],
    ]);
  });

  it('bounds spans a damaged file claims by the table itself', () => {
    const g = toGrid(table([row(1, [cell('a', false, 200_000_000, 300_000_000)]), row(2, [])]));
    expect(g.width).toBe(MAX_WIDTH);
    expect(g.rows).toHaveLength(2);
    expect(g.rows[1]!.cells[MAX_WIDTH - 1]!.cover).toBe('up');
  });

  it('folds the cells of a row wider than any roadmap into its last column, and says where', () => {
    const wide = Array.from({ length: 100_000 }, (_, i) => cell(i % 2 ? '' : `c${i}`));
    const g = toGrid(table([row(1), row(7, wide), row(8)]));
    expect(g.width).toBe(MAX_WIDTH);
    expect(g.folded).toEqual([7]);
    const last = g.rows[1]!.cells[MAX_WIDTH - 1]!.text.split(' ');
    expect(last[0]).toBe('c512');
    expect(last[last.length - 1]).toBe('c99998');
  });

  it('takes a table of very many rows (no spread of them into one call)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => row(i + 1));
    expect(toGrid(table(rows, true)).width).toBe(2);
  });
});
