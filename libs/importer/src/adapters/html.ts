/**
 * HTML pages (legal-database pages, exported documents): `<table>` rows with rowspan/colspan kept as
 * spans, and the prose around tables as paragraphs in reading order. Line numbers are the HTML source
 * lines of the rows, so a warning points into the file the user has.
 */
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { decodeText } from '../decode';
import {
  cell,
  type SourceBlock,
  type SourceCell,
  type SourceDocument,
  type SourceRow,
  type SourceTable,
} from '../model';
import { cleanText, isWhollyBold } from '../text';

const SKIP = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'svg']);
const BLOCK = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'center',
  'pre',
  'dl',
  'dt',
  'dd',
  'main',
  'nav',
  'aside',
  'form',
  'fieldset',
  'address',
  'hr',
]);
const BOLD = new Set(['b', 'strong', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th']);

export function readHtml(bytes: Uint8Array): SourceDocument {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  const { text, encoding } = decodeText(bytes, declared);
  const $ = cheerio.load(text, { sourceCodeLocationInfo: true } as cheerio.CheerioOptions);
  const blocks: SourceBlock[] = [];
  let pieces: Array<{ text: string; bold: boolean; line: number }> = [];

  const flush = () => {
    const joined = cleanText(pieces.map((p) => p.text).join(''));
    if (joined) {
      const visible = pieces.filter((p) => p.text.trim());
      blocks.push({
        kind: 'paragraph',
        text: joined,
        bold: visible.every((p) => p.bold),
        line: visible[0]?.line ?? 1,
      });
    }
    pieces = [];
  };

  const walk = (node: AnyNode, bold: boolean, line: number) => {
    if (node.type === 'text') {
      pieces.push({ text: (node as unknown as { data: string }).data, bold, line });
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const el = node as Element;
    const name = el.name?.toLowerCase() ?? '';
    if (SKIP.has(name)) return;
    const here = el.sourceCodeLocation?.startLine ?? line;
    if (name === 'table') {
      flush();
      const table = readTable($, el);
      if (table.rows.length) blocks.push(table);
      return;
    }
    if (name === 'br') {
      pieces.push({ text: ' ', bold, line: here });
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    const b = bold || BOLD.has(name) || /font-weight\s*:\s*(bold|[6-9]00)/i.test(el.attribs?.style ?? '');
    for (const child of el.children ?? []) walk(child, b, here);
    if (block) flush();
  };
  const body = $('body')[0] ?? $.root()[0];
  if (body) walk(body as AnyNode, false, 1);
  flush();
  return { format: 'html', encoding, blocks, warnings: [] };
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.children) {
    if (child.type !== 'tag') continue;
    const el = child as Element;
    if (el.name === 'tr') rows.push(el);
    else if (el.name === 'thead' || el.name === 'tbody' || el.name === 'tfoot') {
      for (const tr of el.children)
        if (tr.type === 'tag' && (tr as Element).name === 'tr') rows.push(tr as Element);
    }
  }
  return rows;
}

const span = (v: string | undefined) => Math.min(1000, Math.max(1, parseInt(v ?? '1', 10) || 1));

function readTable($: cheerio.CheerioAPI, table: Element): SourceTable {
  const rows: SourceRow[] = rowsOf(table).map((tr) => {
    const cells: SourceCell[] = [];
    for (const td of tr.children) {
      if (td.type !== 'tag') continue;
      const el = td as Element;
      if (el.name !== 'td' && el.name !== 'th') continue;
      const inner = $(el).html() ?? '';
      const bold =
        el.name === 'th' ||
        isWhollyBold(inner) ||
        /font-weight\s*:\s*(bold|[6-9]00)/i.test(el.attribs.style ?? '');
      cells.push(cell(cleanText(inner), bold, span(el.attribs.colspan), span(el.attribs.rowspan)));
    }
    return { cells, line: tr.sourceCodeLocation?.startLine ?? 1, breakBefore: false };
  });
  return { kind: 'table', rows: rows.filter((r) => r.cells.length), ragged: false };
}
