/**
 * XLSX (exceljs): every worksheet becomes one table, merged ranges kept as spans. Title and approval rows
 * above the header stay in the table; the importer reads them as prose. Line numbers are sheet rows.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
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
import type { ImportWarning } from '../types';

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
  preflight(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw damaged(e);
  }
  const blocks: SourceBlock[] = [];
  const warnings: ImportWarning[] = [];
  const sheets = wb.worksheets;
  sheets.forEach((ws, si) => {
    // Only rows and columns that hold text count: `rowCount`/`columnCount` reach a stray formatted cell
    // at XFD1048576 and would make a tiny file enormous.
    const content = new Map<number, Map<number, ExcelJS.Cell>>();
    let lastCol = 0;
    let lastRow = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (xc, c) => {
        if (xc.isMerged && xc.master !== xc) return;
        if (!cleanText(cellText(xc.value))) return;
        let cells = content.get(r - 1);
        if (!cells) content.set(r - 1, (cells = new Map()));
        cells.set(c - 1, xc);
        lastCol = Math.max(lastCol, c);
        lastRow = Math.max(lastRow, r);
      });
    });
    if (lastCol > MAX_WIDTH) {
      warnings.push({
        line: null,
        message: `лист «${ws.name}»: столбцы правее ${MAX_WIDTH}-го не прочитаны`,
      });
      lastCol = MAX_WIDTH;
    }
    const width = lastCol;
    const merges = ((ws.model as { merges?: string[] }).merges ?? [])
      .map(decodeRange)
      .filter((m) => m !== null)
      .filter((m) => m.r1 < lastRow && m.c1 < width)
      .map((m) => ({ ...m, r2: Math.min(m.r2, lastRow - 1), c2: Math.min(m.c2, width - 1) }));
    // Rows with text, and every row inside a vertical merge (it keeps its place even when empty).
    const rowSet = new Set(content.keys());
    for (const m of merges) for (let r = m.r1; r <= m.r2; r++) rowSet.add(r);
    const rowIndexes = [...rowSet].sort((a, b) => a - b);
    if (rowIndexes.length * width > MAX_CELLS) {
      throw new ImportError(
        'too_large',
        `Лист «${ws.name}» слишком велик: ${rowIndexes.length} строк × ${width} столбцов — the sheet is too large`,
      );
    }
    const covered = new Set<string>();
    const spanAt = new Map<string, { colSpan: number; rowSpan: number }>();
    for (const m of merges) {
      spanAt.set(`${m.r1}:${m.c1}`, { colSpan: m.c2 - m.c1 + 1, rowSpan: m.r2 - m.r1 + 1 });
      for (let r = m.r1; r <= m.r2; r++)
        for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) covered.add(`${r}:${c}`);
    }
    const rows: SourceRow[] = [];
    for (const r of rowIndexes) {
      const own = content.get(r);
      const cells: SourceCell[] = [];
      for (let c = 0; c < width; c++) {
        if (covered.has(`${r}:${c}`)) continue;
        const xc = own?.get(c);
        const span = spanAt.get(`${r}:${c}`) ?? { colSpan: 1, rowSpan: 1 };
        cells.push(
          cell(xc ? cleanText(cellText(xc.value)) : '', xc ? isBold(xc) : false, span.colSpan, span.rowSpan),
        );
      }
      // empty rows left out are not content, and none lies inside a merge (those were kept above)
      rows.push({ cells, line: r + 1, breakBefore: false });
    }
    const table = trimEmptyRows(rows);
    if (table.length) blocks.push({ kind: 'table', rows: table, ragged: false, sheet: ws.name });
    progress?.((si + 1) / sheets.length);
  });
  return { format: 'xlsx', blocks, warnings };
}

function damaged(cause: unknown): ImportError {
  return new ImportError('damaged', 'XLSX повреждён или обрезан — the XLSX file is damaged or truncated', {
    cause,
  });
}

/** Column and cell bounds: far beyond any roadmap, far below what would exhaust memory. */
const MAX_WIDTH = 512;
const MAX_CELLS = 5_000_000;
const MAX_MERGE_AREA = 1_000_000;
const MAX_UNZIPPED = 400 * 1024 * 1024;

/**
 * Checks made on the ZIP before exceljs sees it: exceljs materialises every cell of a merged range and
 * inflates every part, so a tiny file declaring `A1:XFD1048576` merged, or a ZIP bomb, would exhaust memory.
 */
function preflight(bytes: Uint8Array): void {
  let total = 0;
  let sheets: Record<string, Uint8Array> = {};
  try {
    // sizes first (nothing inflated), then the sheets
    unzipSync(bytes, { filter: (f) => ((total += f.originalSize), false) });
    if (total <= MAX_UNZIPPED)
      sheets = unzipSync(bytes, { filter: (f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f.name) });
  } catch (e) {
    throw damaged(e);
  }
  if (total > MAX_UNZIPPED) {
    throw new ImportError(
      'too_large',
      `XLSX распаковывается в ${Math.round(total / 1024 / 1024)} МБ — the XLSX inflates to more than ${MAX_UNZIPPED / 1024 / 1024} MB`,
    );
  }
  for (const xml of Object.values(sheets)) {
    const buf = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
    const at = buf.indexOf('<mergeCell');
    if (at < 0) continue;
    for (const m of buf.toString('utf8', at).matchAll(/<mergeCell\b[^>]*\bref="([^"]+)"/g)) {
      const range = decodeRange(m[1]!);
      if (range && (range.r2 - range.r1 + 1) * (range.c2 - range.c1 + 1) > MAX_MERGE_AREA) {
        throw new ImportError(
          'damaged',
          `XLSX повреждён: объединённая область ${m[1]} слишком велика — a merged range is too large`,
        );
      }
    }
  }
}

/** Trailing rows formatted but empty (Excel keeps them) are not content. */
function trimEmptyRows(rows: SourceRow[]): SourceRow[] {
  let end = rows.length;
  while (end > 0 && rows[end - 1]!.cells.every((c) => !c.text)) end--;
  return rows.slice(0, end);
}
