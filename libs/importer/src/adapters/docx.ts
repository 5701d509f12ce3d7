/**
 * DOCX: unzip (fflate) + XML (fast-xml-parser, order preserved) over `w:body`. Paragraphs and tables come
 * out in reading order; `w:gridSpan` becomes a column span and `w:vMerge` a row span; text of nested
 * paragraphs, lists and tables inside a cell is flattened into the cell. Word's automatic numbering
 * (often the whole `№` column) is not in the text: it is recomputed from `numbering.xml`.
 *
 * Line numbers count body blocks: each paragraph and each table row is one line.
 */
import { strFromU8, unzipSync } from 'fflate';
import { ImportError } from '../errors';
import { cell, type SourceBlock, type SourceCell, type SourceDocument, type SourceRow } from '../model';
import { collapse } from '../text';
import { Numbering, type NumRef } from './docx-numbering';
import { attr, child, kids, parseXml, tagOf, type XNode } from './xml';

/** Word allows 63 columns; a larger span comes from a damaged file. */
const MAX_SPAN = 512;

function damaged(cause: unknown): ImportError {
  return new ImportError('damaged', 'DOCX повреждён или обрезан — the DOCX file is damaged or truncated', {
    cause,
  });
}

/** Inflated size of the parts read; a larger declaration is a ZIP bomb or a damaged file. */
const MAX_PART_BYTES = 256 * 1024 * 1024;

function unzipParts(bytes: Uint8Array): Record<string, Uint8Array> {
  let oversized: string | null = null;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (f) => {
        if (!/^word\/(?:document\d*|numbering|styles)\.xml$/.test(f.name)) return false;
        if (f.originalSize > MAX_PART_BYTES) oversized = f.name;
        return oversized === null;
      },
    });
  } catch (e) {
    throw damaged(e);
  }
  if (oversized) {
    throw new ImportError(
      'too_large',
      `DOCX: часть ${oversized} распаковывается более чем в ${MAX_PART_BYTES / 1024 / 1024} МБ — the DOCX inflates too far`,
    );
  }
  return parts;
}

export function readDocx(bytes: Uint8Array): SourceDocument {
  const parts = unzipParts(bytes);
  const docName = Object.keys(parts).find((n) => /^word\/document\d*\.xml$/.test(n));
  if (!docName) throw damaged(new Error('word/document.xml is missing'));
  let root: XNode[];
  try {
    root = parseXml(strFromU8(parts[docName]!));
  } catch (e) {
    throw damaged(e);
  }
  const numbering = new Numbering(
    parts['word/numbering.xml'] ? parseXml(strFromU8(parts['word/numbering.xml'])) : [],
    parts['word/styles.xml'] ? parseXml(strFromU8(parts['word/styles.xml'])) : [],
  );
  const documentNode = root.find((n) => tagOf(n) === 'w:document');
  const body = documentNode && child(documentNode, 'w:body');
  if (!body) throw damaged(new Error('w:body is missing'));
  const reader = new BodyReader(numbering);
  reader.blocks(kids(body));
  return { format: 'docx', blocks: reader.out, warnings: [] };
}

interface Run {
  text: string;
  bold: boolean;
}

const isOn = (n: XNode | undefined) => !!n && !['0', 'false', 'off'].includes(attr(n, 'w:val') ?? '');

class BodyReader {
  readonly out: SourceBlock[] = [];
  private line = 0;

  constructor(private readonly numbering: Numbering) {}

  blocks(nodes: XNode[]): void {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p') {
        this.line++;
        const p = this.paragraph(n);
        if (p.text) this.out.push({ kind: 'paragraph', text: p.text, bold: p.bold, line: this.line });
      } else if (tag === 'w:tbl') {
        const rows = this.table(n);
        if (rows.length) this.out.push({ kind: 'table', rows, ragged: false });
      } else if (tag === 'w:sdt') {
        const content = child(n, 'w:sdtContent');
        if (content) this.blocks(kids(content));
      }
    }
  }

  /** Paragraph text with its list label (`1.`, `•`) and whether every visible run is bold. */
  paragraph(p: XNode): { text: string; bold: boolean } {
    const runs: Run[] = [];
    collectRuns(kids(p), runs);
    const pPr = child(p, 'w:pPr');
    const label = this.numbering.label(numRefOf(pPr), styleOf(pPr));
    const text = collapse(`${label ? `${label} ` : ''}${runs.map((r) => r.text).join('')}`);
    const visible = runs.filter((r) => r.text.trim());
    return { text, bold: visible.length > 0 && visible.every((r) => r.bold) };
  }

  /** Rows with spans; a `w:vMerge` continuation grows the row span of the cell it continues. */
  table(tbl: XNode): SourceRow[] {
    const rows: SourceRow[] = [];
    /** Per grid column: the cell that started a vertical merge there. */
    const openMerges = new Map<number, SourceCell>();
    for (const tr of kids(tbl).filter((k) => tagOf(k) === 'w:tr')) {
      this.line++;
      const cells: SourceCell[] = [];
      const trPr = child(tr, 'w:trPr');
      let col = Math.min(MAX_SPAN, Number(attr(child(trPr ?? {}, 'w:gridBefore') ?? {}, 'w:val') ?? 0) || 0);
      if (col > 0) cells.push(cell('', false, col, 1));
      for (const tc of cellsOf(tr)) {
        const tcPr = child(tc, 'w:tcPr');
        const colSpan = Math.min(
          MAX_SPAN,
          Math.max(1, Number(attr(child(tcPr ?? {}, 'w:gridSpan') ?? {}, 'w:val') ?? 1) || 1),
        );
        const vMerge = tcPr && child(tcPr, 'w:vMerge');
        const continues = !!vMerge && (attr(vMerge, 'w:val') ?? 'continue') === 'continue';
        if (continues && openMerges.has(col)) {
          openMerges.get(col)!.rowSpan++;
        } else {
          const content = this.cellContent(tc);
          const c = cell(content.text, content.bold, colSpan, 1);
          cells.push(c);
          for (let k = col; k < col + colSpan; k++) openMerges.delete(k);
          if (vMerge) openMerges.set(col, c);
        }
        col += colSpan;
      }
      rows.push({ cells, line: this.line, breakBefore: false });
    }
    return rows;
  }

  /** Everything inside a cell, nested tables included, as one line of text. */
  cellContent(tc: XNode): { text: string; bold: boolean } {
    const parts: Array<{ text: string; bold: boolean }> = [];
    const visit = (nodes: XNode[]) => {
      for (const n of nodes) {
        const tag = tagOf(n);
        if (tag === 'w:p') parts.push(this.paragraph(n));
        else if (tag === 'w:tbl')
          for (const tr of kids(n).filter((k) => tagOf(k) === 'w:tr'))
            for (const c of cellsOf(tr)) visit(kids(c));
        else if (tag === 'w:sdt') visit(kids(child(n, 'w:sdtContent') ?? {}));
      }
    };
    visit(kids(tc));
    const visible = parts.filter((p) => p.text);
    return {
      text: collapse(visible.map((p) => p.text).join(' ')),
      bold: visible.length > 0 && visible.every((p) => p.bold),
    };
  }
}

function cellsOf(tr: XNode): XNode[] {
  const out: XNode[] = [];
  for (const k of kids(tr)) {
    const tag = tagOf(k);
    if (tag === 'w:tc') out.push(k);
    else if (tag === 'w:sdt')
      out.push(...kids(child(k, 'w:sdtContent') ?? {}).filter((c) => tagOf(c) === 'w:tc'));
  }
  return out;
}

/** Text runs in document order; deleted text, field codes and drawings are not content. */
function collectRuns(nodes: XNode[], out: Run[]): void {
  for (const n of nodes) {
    switch (tagOf(n)) {
      case 'w:r': {
        const rPr = child(n, 'w:rPr');
        const b = isOn(rPr && child(rPr, 'w:b')) || isOn(rPr && child(rPr, 'w:bCs'));
        for (const k of kids(n)) {
          const t = tagOf(k);
          if (t === 'w:t')
            out.push({
              text: kids(k)
                .map((x) => String(x['#text'] ?? ''))
                .join(''),
              bold: b,
            });
          else if (t === 'w:tab' || t === 'w:br' || t === 'w:cr') out.push({ text: ' ', bold: b });
          else if (t === 'w:noBreakHyphen') out.push({ text: '-', bold: b });
        }
        break;
      }
      case 'w:hyperlink':
      case 'w:ins':
      case 'w:smartTag':
      case 'w:fldSimple':
      case 'w:customXml':
      case 'w:dir':
      case 'w:bdo':
        collectRuns(kids(n), out);
        break;
      case 'w:sdt':
        collectRuns(kids(child(n, 'w:sdtContent') ?? {}), out);
        break;
      default:
        break;
    }
  }
}

function numRefOf(pPr: XNode | undefined): NumRef | null {
  const numPr = pPr && child(pPr, 'w:numPr');
  if (!numPr) return null;
  const numId = attr(child(numPr, 'w:numId') ?? {}, 'w:val');
  const ilvl = Number(attr(child(numPr, 'w:ilvl') ?? {}, 'w:val') ?? 0) || 0;
  return numId ? { numId, ilvl } : null;
}

const styleOf = (pPr: XNode | undefined): string | undefined =>
  pPr ? attr(child(pPr, 'w:pStyle') ?? {}, 'w:val') : undefined;
