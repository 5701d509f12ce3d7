/**
 * Positioned text + rulings → paragraphs and tables. JavaScript has no Camelot or pdfplumber, so the grid
 * is rebuilt here:
 *
 *   1. rulings: horizontal and vertical segments, merged where collinear;
 *   2. tables: groups of crossing rulings; column and row boundaries are their distinct x and y;
 *   3. cells: a band is merged with its neighbour wherever the ruling between them is missing
 *      (that is how a gridSpan or vMerge cell is drawn), giving spans;
 *   4. text items fall into the cell containing their centre; lines inside a cell are joined;
 *   5. a table continued on the next page (same columns) is one table, its first row there marked as
 *      following a page break, so a row cut by the break is joined back by the assembler.
 * Without rulings the page is read as lines split at the header's column positions: with a № column a
 * row runs from one number to the next, else each line is a fragment row.
 *
 * Coordinates: PDF user space (origin bottom-left); converted to top-down `top` where it reads easier.
 */
import {
  cell,
  type SourceBlock,
  type SourceCell,
  type SourceDocument,
  type SourceParagraph,
  type SourceRow,
  type SourceTable,
} from '../model';
import { classifyHeader } from '../header';
import { collapse, joinFragments, startsLowercase } from '../text';

export interface PdfItem {
  str: string;
  /** Left of the baseline, PDF units from the page's bottom-left. */
  x: number;
  y: number;
  w: number;
  size: number;
  bold: boolean;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfItem[];
  /** Segments [x1, y1, x2, y2]. */
  lines: Array<[number, number, number, number]>;
}

interface HLine {
  y: number;
  x1: number;
  x2: number;
}
interface VLine {
  x: number;
  y1: number;
  y2: number;
}

const EPS = 1.5;

/** Collinear overlapping (or touching) segments become one. */
function mergeH(lines: HLine[]): HLine[] {
  const sorted = [...lines].sort((a, b) => a.y - b.y || a.x1 - b.x1);
  const out: HLine[] = [];
  for (const l of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.y - l.y) <= EPS && l.x1 <= last.x2 + 2) last.x2 = Math.max(last.x2, l.x2);
    else out.push({ ...l });
  }
  return out;
}
function mergeV(lines: VLine[]): VLine[] {
  const sorted = [...lines].sort((a, b) => a.x - b.x || a.y1 - b.y1);
  const out: VLine[] = [];
  for (const l of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.x - l.x) <= EPS && l.y1 <= last.y2 + 2) last.y2 = Math.max(last.y2, l.y2);
    else out.push({ ...l });
  }
  return out;
}

function rulings(page: PdfPage): { h: HLine[]; v: VLine[] } {
  const h: HLine[] = [];
  const v: VLine[] = [];
  for (const [x1, y1, x2, y2] of page.lines) {
    if (Math.abs(y1 - y2) <= 0.8 && Math.abs(x2 - x1) > 3)
      h.push({ y: (y1 + y2) / 2, x1: Math.min(x1, x2), x2: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) <= 0.8 && Math.abs(y2 - y1) > 3)
      v.push({ x: (x1 + x2) / 2, y1: Math.min(y1, y2), y2: Math.max(y1, y2) });
  }
  return { h: mergeH(h), v: mergeV(v) };
}

/** Distinct positions, clustered within `tol` (a border drawn twice is one boundary). */
function distinct(values: number[], tol = 2.5): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (!out.length || v - out[out.length - 1]! > tol) out.push(v);
  return out;
}

interface Region {
  /** Band indexes, inclusive. */
  r1: number;
  r2: number;
  c1: number;
  c2: number;
  texts: PdfItem[];
}

interface PageTable {
  xs: number[];
  /** Row boundaries, top to bottom (descending PDF y). */
  ys: number[];
  regions: Region[];
  bbox: { x1: number; x2: number; yTop: number; yBottom: number };
}

/** Groups of crossing rulings, each with at least two rows and two columns. */
function findTables(h: HLine[], v: VLine[]): PageTable[] {
  const parent = new Map<object, object>();
  const find = (a: object): object => {
    let p = parent.get(a) ?? a;
    while (parent.get(p) && parent.get(p) !== p) p = parent.get(p)!;
    return p;
  };
  const union = (a: object, b: object) => parent.set(find(a), find(b));
  for (const x of [...h, ...v]) parent.set(x, x);
  for (const hl of h)
    for (const vl of v) {
      if (vl.x >= hl.x1 - 2 && vl.x <= hl.x2 + 2 && hl.y >= vl.y1 - 2 && hl.y <= vl.y2 + 2) union(hl, vl);
    }
  const groups = new Map<object, { h: HLine[]; v: VLine[] }>();
  for (const hl of h)
    (groups.get(find(hl)) ?? groups.set(find(hl), { h: [], v: [] }).get(find(hl))!).h.push(hl);
  for (const vl of v)
    (groups.get(find(vl)) ?? groups.set(find(vl), { h: [], v: [] }).get(find(vl))!).v.push(vl);

  const tables: PageTable[] = [];
  for (const g of groups.values()) {
    const xs = distinct(g.v.map((l) => l.x));
    const ys = distinct(g.h.map((l) => l.y)).reverse();
    if (xs.length < 3 || ys.length < 2) continue; // a box or a rule, not a table
    const hasV = (x: number, yMid: number) =>
      g.v.some((l) => Math.abs(l.x - x) <= 2.5 && l.y1 - 1 <= yMid && yMid <= l.y2 + 1);
    const hasH = (y: number, xMid: number) =>
      g.h.some((l) => Math.abs(l.y - y) <= 2.5 && l.x1 - 1 <= xMid && xMid <= l.x2 + 1);
    const rows = ys.length - 1;
    const cols = xs.length - 1;
    const id = (r: number, c: number) => r * cols + c;
    const uf = Array.from({ length: rows * cols }, (_, i) => i);
    const root = (i: number): number => (uf[i] === i ? i : (uf[i] = root(uf[i]!)));
    for (let r = 0; r < rows; r++) {
      const yMid = (ys[r]! + ys[r + 1]!) / 2;
      for (let c = 0; c < cols; c++) {
        const xMid = (xs[c]! + xs[c + 1]!) / 2;
        if (c > 0 && !hasV(xs[c]!, yMid)) uf[root(id(r, c))] = root(id(r, c - 1));
        if (r > 0 && !hasH(ys[r]!, xMid)) uf[root(id(r, c))] = root(id(r - 1, c));
      }
    }
    const byRoot = new Map<number, Region>();
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) {
        const k = root(id(r, c));
        const reg = byRoot.get(k);
        if (!reg) byRoot.set(k, { r1: r, r2: r, c1: c, c2: c, texts: [] });
        else {
          reg.r1 = Math.min(reg.r1, r);
          reg.r2 = Math.max(reg.r2, r);
          reg.c1 = Math.min(reg.c1, c);
          reg.c2 = Math.max(reg.c2, c);
        }
      }
    tables.push({
      xs,
      ys,
      regions: [...byRoot.values()],
      bbox: { x1: xs[0]!, x2: xs[xs.length - 1]!, yTop: ys[0]!, yBottom: ys[ys.length - 1]! },
    });
  }
  return tables.sort((a, b) => b.bbox.yTop - a.bbox.yTop);
}

const centre = (it: PdfItem) => ({ x: it.x + it.w / 2, y: it.y + it.size * 0.3 });

function regionAt(t: PageTable, x: number, y: number): Region | undefined {
  const c = t.xs.findIndex((v, i) => i < t.xs.length - 1 && x >= v && x < t.xs[i + 1]!);
  const r = t.ys.findIndex((v, i) => i < t.ys.length - 1 && y <= v && y > t.ys[i + 1]!);
  if (c < 0 || r < 0) return undefined;
  return t.regions.find((g) => g.r1 <= r && r <= g.r2 && g.c1 <= c && c <= g.c2);
}

interface TextLine {
  y: number;
  items: PdfItem[];
}

/** Items on one baseline (within a third of the font size) form a line, read left to right. */
function toLines(items: PdfItem[]): TextLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextLine[] = [];
  for (const it of sorted) {
    const line = lines.find((l) => Math.abs(l.y - it.y) <= Math.max(1, it.size * 0.35));
    if (line) line.items.push(it);
    else lines.push({ y: it.y, items: [it] });
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines.sort((a, b) => b.y - a.y);
}

/** A line's text: a space where the gap between items is wider than a fifth of the font size. */
function lineText(l: TextLine): string {
  let out = '';
  let end = -Infinity;
  for (const it of l.items) {
    if (out && it.x - end > it.size * 0.2 && !out.endsWith(' ') && !it.str.startsWith(' ')) out += ' ';
    out += it.str;
    end = it.x + it.w;
  }
  return collapse(out.replace(/[\ue000-\uf8ff]/gu, '•'));
}

function cellText(items: PdfItem[]): { text: string; bold: boolean } {
  const lines = toLines(items);
  let text = '';
  for (const l of lines) text = joinFragments(text, lineText(l));
  const visible = items.filter((i) => i.str.trim());
  return { text: collapse(text), bold: visible.length > 0 && visible.every((i) => i.bold) };
}

/** Global line numbers: every distinct baseline of the document, page by page, top to bottom. */
class LineNumbers {
  private readonly starts = new Map<number, { first: number; ys: number[] }>();

  constructor(pages: PdfPage[]) {
    let next = 1;
    for (const p of pages) {
      const ys = toLines(p.items).map((l) => l.y);
      this.starts.set(p.number, { first: next, ys });
      next += ys.length;
    }
  }

  /** The number of the first text line at or below `yTop` on the page. */
  at(page: number, yTop: number): number {
    const s = this.starts.get(page)!;
    const i = s.ys.findIndex((y) => y <= yTop + 0.5);
    return s.first + (i < 0 ? Math.max(0, s.ys.length - 1) : i);
  }
}

function tableRows(t: PageTable, page: PdfPage, numbers: LineNumbers): SourceRow[] {
  const rows: SourceRow[] = [];
  for (let r = 0; r < t.ys.length - 1; r++) {
    const starting = t.regions.filter((g) => g.r1 === r).sort((a, b) => a.c1 - b.c1);
    if (!starting.length) continue;
    const cells: SourceCell[] = starting.map((g) => {
      const { text, bold } = cellText(g.texts);
      return cell(text, bold, g.c2 - g.c1 + 1, g.r2 - g.r1 + 1);
    });
    rows.push({ cells, line: numbers.at(page.number, t.ys[r]!), page: page.number, breakBefore: false });
  }
  return rows;
}

/**
 * Lines outside tables become paragraphs; a line starting in lower case continues the one above
 * (a wrapped title, an approval stamp over three lines).
 */
function paragraphs(
  items: PdfItem[],
  page: PdfPage,
  numbers: LineNumbers,
): Array<SourceParagraph & { top: number }> {
  const out: Array<SourceParagraph & { top: number }> = [];
  let prevY = Infinity;
  for (const l of toLines(items)) {
    const { text, bold } = cellText(l.items);
    if (!text) continue;
    const last = out[out.length - 1];
    const size = l.items[0]!.size;
    if (last && startsLowercase(text) && prevY - l.y < size * 2.2 && last.bold === bold)
      last.text = joinFragments(last.text, text);
    else out.push({ kind: 'paragraph', text, bold, line: numbers.at(page.number, l.y + 0.1), top: l.y });
    prevY = l.y;
  }
  return out;
}

const sameColumns = (a: number[], b: number[]) =>
  a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 3);

export function layoutPdf(pages: PdfPage[]): SourceDocument {
  const numbers = new LineNumbers(pages);
  const blocks: SourceBlock[] = [];
  let open: { table: SourceTable; xs: number[] } | null = null;
  let anyTable = false;

  for (const page of pages) {
    const { h, v } = rulings(page);
    const tables = findTables(h, v);
    anyTable ||= tables.length > 0;
    const outside: PdfItem[] = [];
    for (const it of page.items) {
      const c = centre(it);
      const t = tables.find(
        (tb) => c.x >= tb.bbox.x1 && c.x <= tb.bbox.x2 && c.y <= tb.bbox.yTop && c.y >= tb.bbox.yBottom,
      );
      const region = t && regionAt(t, c.x, c.y);
      if (region) region.texts.push(it);
      else outside.push(it);
    }
    // Reading order on the page: paragraphs and tables by their top edge.
    const placed: Array<{ top: number; block: SourceParagraph } | { top: number; table: PageTable }> = [
      ...paragraphs(outside, page, numbers).map((p) => ({
        top: p.top,
        block: { kind: p.kind, text: p.text, bold: p.bold, line: p.line },
      })),
      ...tables.map((t) => ({ top: t.bbox.yTop, table: t })),
    ].sort((a, b) => b.top - a.top);
    placed.forEach((item, idx) => {
      if ('block' in item) {
        // text between two parts of one table (a running header) does not end it: `open` stays
        blocks.push(item.block);
        return;
      }
      const rows = tableRows(item.table, page, numbers);
      if (!rows.length) return;
      const continues =
        open && idx === placed.findIndex((x) => 'table' in x) && sameColumns(open.xs, item.table.xs);
      if (open && continues) {
        rows[0] = { ...rows[0]!, breakBefore: true };
        for (const r of rows) open.table.rows.push(r);
      } else {
        open = { table: { kind: 'table', rows, ragged: false }, xs: item.table.xs };
        blocks.push(open.table);
      }
    });
  }
  if (!anyTable)
    return {
      format: 'pdf',
      blocks: borderless(pages, numbers),
      warnings: [{ line: null, message: 'в PDF нет линий таблицы; столбцы определены по положению шапки' }],
    };
  return { format: 'pdf', blocks, warnings: [] };
}

/** Items of one line split where the gap is wider than a space could be: the cells of that line. */
function cellGroups(items: PdfItem[]): PdfItem[][] {
  const groups: PdfItem[][] = [];
  let end = -Infinity;
  for (const it of items) {
    if (!groups.length || it.x - end > it.size * 0.8) groups.push([it]);
    else groups[groups.length - 1]!.push(it);
    end = it.x + it.w;
  }
  return groups;
}

const groupText = (g: PdfItem[]) => lineText({ y: g[0]?.y ?? 0, items: g });

interface PlacedLine {
  page: PdfPage;
  line: TextLine;
}

/**
 * No rulings: the header (the first line naming at least two roles, plus the lines right under it that
 * continue its cells) gives the column positions; every later line is cut at them into a fragment row,
 * and the assembler joins fragments as it joins rows cut by a page break. The header repeated on a new
 * page is dropped. Lines above the header stay paragraphs.
 */
function borderless(pages: PdfPage[], numbers: LineNumbers): SourceBlock[] {
  const all: PlacedLine[] = pages.flatMap((p) => toLines(p.items).map((l) => ({ page: p, line: l })));
  const lineNo = (l: PlacedLine) => numbers.at(l.page.number, l.line.y + 0.1);
  const asParagraph = (l: PlacedLine): SourceParagraph => ({
    kind: 'paragraph',
    text: lineText(l.line),
    bold: l.line.items.every((i) => i.bold),
    line: lineNo(l),
  });
  const headerAt = all.findIndex(({ line }) => {
    const roles = new Set(
      cellGroups(line.items)
        .map((g) => classifyHeader(groupText(g)))
        .filter((r) => r && r !== 'extra'),
    );
    return roles.size >= 2;
  });
  if (headerAt < 0) return all.map(asParagraph);

  const headerBold = all[headerAt]!.line.items.every((i) => i.bold);
  /** Lines under a header line that belong to it: close below, same weight, nothing that looks like data. */
  const headerBlockEnd = (from: number) => {
    let end = from + 1;
    while (end < all.length) {
      const prev = all[end - 1]!;
      const cur = all[end]!;
      const size = cur.line.items[0]!.size;
      if (cur.page !== prev.page || prev.line.y - cur.line.y > size * 2.2) break;
      if (cur.line.items.every((i) => i.bold) !== headerBold) break;
      if (cellGroups(cur.line.items).some((g) => /^\d+(?:\.\d+)*\.?$/.test(groupText(g)))) break;
      end++;
    }
    return end;
  };
  const headerEnd = headerBlockEnd(headerAt);
  const headerLines = all.slice(headerAt, headerEnd);
  const starts = distinct(
    headerLines.flatMap((l) => cellGroups(l.line.items).map((g) => g[0]!.x)),
    6,
  );
  const columnOf = (x: number) => {
    let c = 0;
    for (let k = 0; k < starts.length; k++) if (x >= starts[k]! - 4) c = k;
    return c;
  };
  const cut = (l: PlacedLine): Array<{ text: string; bold: boolean }> => {
    const texts: PdfItem[][] = starts.map(() => []);
    for (const it of l.line.items) texts[columnOf(it.x)]!.push(it);
    return texts.map((t) => ({
      text: t.length ? lineText({ y: l.line.y, items: t }) : '',
      bold: t.length > 0 && t.every((i) => i.bold),
    }));
  };
  const headerTexts = headerLines
    .map((l) => cut(l).map((c) => c.text))
    .reduce((acc, row) => acc.map((t, i) => joinFragments(t, row[i]!)));
  const firstHeaderText = lineText(all[headerAt]!.line);

  const rows: SourceRow[] = [
    {
      cells: headerTexts.map((t) => cell(t, headerBold)),
      line: lineNo(all[headerAt]!),
      page: all[headerAt]!.page.number,
      breakBefore: false,
    },
  ];
  // With a № column, a line with nothing in it continues the row above (numbers never wrap); else
  // every line is a fragment for the assembler.
  const numbered = classifyHeader(headerTexts[0] ?? '') === 'number';
  let k = headerEnd;
  for (; k < all.length; k++) {
    const l = all[k]!;
    if (lineText(l.line) === firstHeaderText) {
      k = headerBlockEnd(k) - 1; // the header printed again on a new page
      continue;
    }
    if (l.line.items[0]!.x < starts[0]! - 2.5) break; // text left of the first column: the table is over
    const cells = cut(l);
    const open = rows.length > 1 ? rows[rows.length - 1]! : null;
    if (numbered && open && !cells[0]!.text) {
      cells.forEach((c, i) => {
        const into = open.cells[i]!;
        into.text = joinFragments(into.text, c.text);
        into.bold &&= c.bold || !c.text;
      });
      continue;
    }
    rows.push({
      cells: cells.map((t) => cell(t.text, t.bold)),
      line: lineNo(l),
      page: l.page.number,
      breakBefore: !numbered || (open !== null && open.page !== l.page.number),
    });
  }
  return [
    ...all.slice(0, headerAt).map(asParagraph),
    { kind: 'table', rows, ragged: false },
    ...all.slice(k).map(asParagraph),
  ];
}
