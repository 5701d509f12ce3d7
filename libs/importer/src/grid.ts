/**
 * One table grid for every format: source rows with col/row spans → rows of equal width where each
 * position knows whether it holds its own text or is covered by a merged cell to its left or above.
 * Ragged text tables (tab-separated copies) are passed through cell for cell; the assembler aligns them.
 */
import type { SourceCell, SourceRow, SourceTable } from './model';

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
  /** Lines of rows wider than MAX_WIDTH: their extra cells were joined into the last column. */
  folded: number[];
}

/** No roadmap is this wide (a schedule by months over five years is ~70 columns). */
export const MAX_WIDTH = 512;

/**
 * A row with more cells than any roadmap has (a damaged or hostile file) keeps its text: the extra
 * cells are joined into the last one, so the grid stays small.
 */
function foldRow(row: SourceRow, folded: number[]): SourceCell[] {
  let width = 0;
  let keep = 0;
  for (; keep < row.cells.length; keep++) {
    width += Math.max(1, row.cells[keep]!.colSpan);
    if (width >= MAX_WIDTH) break;
  }
  if (keep >= row.cells.length - 1) return row.cells;
  folded.push(row.line);
  const tail = row.cells
    .slice(keep)
    .map((c) => c.text)
    .filter(Boolean)
    .join(' ');
  return [...row.cells.slice(0, keep), { ...row.cells[keep]!, text: tail, colSpan: 1 }];
}

export function toGrid(table: SourceTable): Grid {
  const folded: number[] = [];
  const sourceRows = table.rows.map((r) => {
    const cells = foldRow(r, folded);
    return cells === r.cells ? r : { ...r, cells };
  });
  if (table.ragged) {
    let width = 0;
    const rows = sourceRows.map((r) => {
      width = Math.max(width, r.cells.length);
      return {
        line: r.line,
        page: r.page,
        breakBefore: r.breakBefore,
        cells: r.cells.map((c): GridCell => ({ text: c.text, bold: c.bold, cover: null, colSpan: 1 })),
      };
    });
    return { rows, width, ragged: true, sheet: table.sheet, folded };
  }

  const out: GridCell[][] = [];
  let width = 0;
  sourceRows.forEach((row, r) => {
    const cells: GridCell[] = (out[r] ??= []);
    let c = 0;
    const skipCovered = () => {
      while (cells[c]) c++;
    };
    for (const src of row.cells) {
      skipCovered();
      // spans from a damaged or hostile file are bounded by the table itself
      const colSpan = Math.min(Math.max(1, src.colSpan), Math.max(1, MAX_WIDTH - c));
      const rowSpan = Math.min(Math.max(1, src.rowSpan), sourceRows.length - r);
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
  const rows: GridRow[] = sourceRows.map((row, r) => {
    const cells = out[r] ?? [];
    for (let c = 0; c < width; c++) cells[c] ??= { text: '', bold: false, cover: null, colSpan: 1 };
    return { cells, line: row.line, page: row.page, breakBefore: row.breakBefore };
  });
  return { rows, width, ragged: false, sheet: table.sheet, folded };
}
