/**
 * One table grid for every format: source rows with col/row spans → rows of equal width where each
 * position knows whether it holds its own text or is covered by a merged cell to its left or above.
 * Ragged text tables (tab-separated copies) are passed through cell for cell; the assembler aligns them.
 */
import type { SourceTable } from './model';

export interface GridCell {
  text: string;
  bold: boolean;
  /** `left`/`up`: covered by a merged cell; the text is then the merged cell's own, repeated. */
  cover: 'left' | 'up' | null;
  /** Width of the merged cell that starts here (1 when not merged). */
  colSpan: number;
}

export interface GridRow {
  cells: GridCell[];
  line: number;
  page?: number;
  breakBefore: boolean;
}

export interface Grid {
  rows: GridRow[];
  /** The widest row; ragged rows may be narrower. */
  width: number;
  ragged: boolean;
  sheet?: string;
}

export function toGrid(table: SourceTable): Grid {
  if (table.ragged) {
    const rows = table.rows.map((r) => ({
      line: r.line,
      page: r.page,
      breakBefore: r.breakBefore,
      cells: r.cells.map((c) => ({ text: c.text, bold: c.bold, cover: null, colSpan: 1 })),
    }));
    return { rows, width: Math.max(0, ...rows.map((r) => r.cells.length)), ragged: true, sheet: table.sheet };
  }

  const out: GridCell[][] = [];
  let width = 0;
  table.rows.forEach((row, r) => {
    const cells: GridCell[] = (out[r] ??= []);
    let c = 0;
    const skipCovered = () => {
      while (cells[c]) c++;
    };
    for (const src of row.cells) {
      skipCovered();
      const colSpan = Math.max(1, src.colSpan);
      const rowSpan = Math.max(1, src.rowSpan);
      for (let dc = 0; dc < colSpan; dc++) {
        cells[c + dc] = {
          text: src.text,
          bold: src.bold,
          cover: dc === 0 ? null : 'left',
          colSpan: dc === 0 ? colSpan : 1,
        };
        for (let dr = 1; dr < rowSpan; dr++) {
          const below: GridCell[] = (out[r + dr] ??= []);
          below[c + dc] = { text: src.text, bold: src.bold, cover: 'up', colSpan: dc === 0 ? colSpan : 1 };
        }
      }
      c += colSpan;
    }
    width = Math.max(width, cells.length);
  });
  const rows: GridRow[] = table.rows.map((row, r) => {
    const cells = out[r] ?? [];
    for (let c = 0; c < width; c++) cells[c] ??= { text: '', bold: false, cover: null, colSpan: 1 };
    return { cells, line: row.line, page: row.page, breakBefore: row.breakBefore };
  });
  return { rows, width, ragged: false, sheet: table.sheet };
}
