/**
 * XLSX (exceljs): every worksheet becomes one table, merged ranges kept as spans. Title and approval rows
 * above the header stay in the table; the importer reads them as prose. Line numbers are sheet rows.
 */
import ExcelJS from 'exceljs';
import { ImportError } from '../errors';
import {
  cell,
  type Progress,
  type SourceBlock,
  type SourceCell,
  type SourceDocument,
  type SourceRow,
} from '../model';
import { cleanText, pad2 } from '../text';

/** Display text of a cell: rich text joined, formulas by their result, dates as `ДД.ММ.ГГГГ`. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${pad2(v.getUTCDate())}.${pad2(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

function isBold(c: ExcelJS.Cell): boolean {
  const v = c.value;
  if (v && typeof v === 'object' && 'richText' in v) {
    const runs = v.richText.filter((r) => r.text.trim());
    return runs.length > 0 && runs.every((r) => r.font?.bold ?? c.font?.bold ?? false);
  }
  return !!c.font?.bold;
}

/** `B3:F3` → 0-based bounds. */
function decodeRange(ref: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref.replace(/\$/g, ''));
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return { r1: Number(m[2]) - 1, c1: col(m[1]!), r2: Number(m[4]) - 1, c2: col(m[3]!) };
}

export async function readXlsx(bytes: Uint8Array, progress?: Progress): Promise<SourceDocument> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new ImportError('damaged', 'XLSX повреждён или обрезан — the XLSX file is damaged or truncated', {
      cause: e,
    });
  }
  const blocks: SourceBlock[] = [];
  const sheets = wb.worksheets;
  sheets.forEach((ws, si) => {
    const merges = ((ws.model as { merges?: string[] }).merges ?? [])
      .map(decodeRange)
      .filter((m) => m !== null);
    const covered = new Set<string>();
    const spanAt = new Map<string, { colSpan: number; rowSpan: number }>();
    for (const m of merges) {
      spanAt.set(`${m.r1}:${m.c1}`, { colSpan: m.c2 - m.c1 + 1, rowSpan: m.r2 - m.r1 + 1 });
      for (let r = m.r1; r <= m.r2; r++)
        for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r}:${c}`);
    }
    const width = ws.columnCount;
    const rows: SourceRow[] = [];
    for (let r = 0; r < ws.rowCount; r++) {
      const row = ws.getRow(r + 1);
      const cells: SourceCell[] = [];
      for (let c = 0; c < width; c++) {
        if (covered.has(`${r}:${c}`)) continue;
        const xc = row.getCell(c + 1);
        const span = spanAt.get(`${r}:${c}`) ?? { colSpan: 1, rowSpan: 1 };
        cells.push(cell(cleanText(cellText(xc.value)), isBold(xc), span.colSpan, span.rowSpan));
      }
      // Rows inside a vertical merge keep their place even when every own cell is empty.
      rows.push({ cells, line: r + 1, breakBefore: false });
    }
    const table = trimEmptyRows(rows);
    if (table.length) blocks.push({ kind: 'table', rows: table, ragged: false, sheet: ws.name });
    progress?.((si + 1) / sheets.length);
  });
  return { format: 'xlsx', blocks, warnings: [] };
}

/** Trailing rows formatted but empty (Excel keeps them) are not content. */
function trimEmptyRows(rows: SourceRow[]): SourceRow[] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.cells.every((c) => !c.text)) end--;
  return rows.slice(0, end);
}
