/**
 * Plain-text renderings: tab-separated rows (what word processors and converters produce when a table is
 * copied as text), pseudographic tables (legal databases), and prose around them.
 *
 * A blank line between two rows is a page break of the original: the row after it may continue the row
 * before (the assembler decides). Consecutive prose lines form one paragraph; `**…**` marks it bold.
 */
import { decodeText } from '../decode';
import { cell, type Progress, type SourceBlock, type SourceDocument, type SourceRow } from '../model';
import { MAX_WIDTH } from '../grid';
import { cleanText, isWhollyBold } from '../text';
import { isBoxLine, parseBoxTable, type NumberedLine } from './boxdrawing';

export function readText(bytes: Uint8Array, progress?: Progress): SourceDocument {
  const { text, encoding } = decodeText(bytes);
  return { ...parseTextDocument(text, progress), encoding };
}

export function parseTextDocument(text: string, progress?: Progress): SourceDocument {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: SourceBlock[] = [];
  let rows: SourceRow[] | null = null;
  let para: NumberedLine[] = [];
  let blank = false;

  const flushPara = () => {
    if (!para.length) return;
    const raw = para.map((l) => l.text).join('\n');
    const text = cleanText(raw);
    if (text)
      blocks.push({ kind: 'paragraph', text, bold: isWhollyBold(stripHeading(raw)), line: para[0]!.line });
    para = [];
  };
  const closeTable = () => {
    if (rows?.length) blocks.push({ kind: 'table', rows, ragged: true });
    rows = null;
  };

  for (let i = 0; i < lines.length; i++) {
    if (progress && i % 4096 === 4095) progress(i / lines.length);
    const raw = lines[i]!;
    const lineNo = i + 1;
    if (raw.trim() === '') {
      flushPara();
      blank = true;
      continue;
    }
    if (isBoxLine(raw)) {
      // a pseudographic table runs over box lines and the blank lines between them
      flushPara();
      closeTable();
      const box: NumberedLine[] = [];
      let j = i;
      for (; j < lines.length; j++) {
        const l = lines[j]!;
        if (l.trim() === '') continue;
        if (!isBoxLine(l)) break;
        box.push({ text: l, line: j + 1 });
      }
      while (j > i && lines[j - 1]!.trim() === '') j--;
      const table = parseBoxTable(box);
      if (table.rows.length) blocks.push(table);
      i = j - 1;
      blank = false;
      continue;
    }
    if (raw.includes('\t')) {
      flushPara();
      rows ??= [];
      const cells = splitCells(raw).map((c) => cell(cleanText(c), isWhollyBold(c)));
      rows.push({ cells, line: lineNo, breakBefore: blank && rows.length > 0 });
      blank = false;
      continue;
    }
    closeTable();
    para.push({ text: raw, line: lineNo });
    blank = false;
  }
  flushPara();
  closeTable();
  return { format: 'text', blocks, warnings: [] };
}

const stripHeading = (s: string) => s.replace(/^\s*#{1,6}\s+/, '');

/** Tab-separated cells; past MAX_WIDTH (a damaged file) the rest of the line is one last cell. */
function splitCells(raw: string): string[] {
  let at = -1;
  for (let k = 1; k < MAX_WIDTH; k++) {
    at = raw.indexOf('\t', at + 1);
    if (at < 0) return raw.split('\t');
  }
  return [...raw.slice(0, at).split('\t'), raw.slice(at + 1).replace(/\t/g, ' ')];
}
