/**
 * Fixed-width pseudographic tables, as legal databases print them in text copies:
 *
 *   +----+------------------+----------+        ┌────┬──────────┐        |  N  ¦ Мероприятие   ¦
 *   | №  | Мероприятие      | Срок     |        │ №  │ Срок     │        |-----+---------------¦
 *   +----+------------------+----------+        ├────┼──────────┤        |  1  ¦ Разработка    ¦
 *   | 1  | Разработка       | До       |                                  |     ¦ положения     ¦
 *   |    | положения        | 01.05.21 |
 *
 * Column boundaries are the character positions of the vertical bars; a logical row is the run of
 * content lines between two horizontal rules, each cell the join of its pieces on those lines. Where a
 * copy draws no rules between rows, a numbered first column says where rows start; failing that, every
 * physical line becomes a fragment row marked `breakBefore`, and the assembler joins fragments the same
 * way it joins rows split by a page break.
 */
import { cell, type SourceRow, type SourceTable } from '../model';
import { cleanText, joinFragments } from '../text';

const VBAR = '|¦│┃║';
const JUNCTION = '+┼┬┴├┤┌┐└┘╬╦╩╠╣╔╗╚╝╪╫╞╡╟╢';
const HBAR = '-─—━═–_=';

const isVbar = (ch: string) => VBAR.includes(ch);

/** A content line: text between at least two vertical bars. */
export function isBoxContentLine(line: string): boolean {
  if (!/^\s*[|¦│┃║]/u.test(line)) return false; // most lines of a document are prose: leave fast
  let bars = 0;
  for (const ch of line) if (isVbar(ch)) bars++;
  return bars >= 2;
}

/** A horizontal rule: only rule characters, at least three dashes. */
export function isBoxRuleLine(line: string): boolean {
  if (!/^\s*[-─—━═–_=+┼┬┴├┤┌┐└┘╬╦╩╠╣╔╗╚╝╪╫╞╡╟╢|¦│┃║]/u.test(line)) return false;
  const t = line.trim();
  if (t.length < 3) return false;
  let dashes = 0;
  for (const ch of t) {
    if (HBAR.includes(ch)) dashes++;
    else if (!JUNCTION.includes(ch) && !isVbar(ch) && ch !== ' ') return false;
  }
  return dashes >= 3;
}

export const isBoxLine = (line: string): boolean => isBoxContentLine(line) || isBoxRuleLine(line);

export interface NumberedLine {
  text: string;
  line: number;
}

/** Positions of vertical bars (content) or junctions (rules): the candidate column boundaries. */
function separatorPositions(text: string, rule: boolean): number[] {
  const out: number[] = [];
  const chars = Array.from(text);
  chars.forEach((ch, i) => {
    if (isVbar(ch) || (rule && JUNCTION.includes(ch))) out.push(i);
  });
  return out;
}

/** Boundaries seen on enough lines; a stray `|` inside one cell's text must not split a column. */
function columnBoundaries(lines: Array<{ text: string; rule: boolean }>): number[] {
  const counts = new Map<number, number>();
  let contentLines = 0;
  for (const l of lines) {
    if (!l.rule) contentLines++;
    for (const p of separatorPositions(l.text, l.rule))
      counts.set(p, (counts.get(p) ?? 0) + (l.rule ? 3 : 1));
  }
  const min = Math.max(1, Math.floor(contentLines * 0.2));
  const kept = [...counts.entries()].filter(([, c]) => c >= min).map(([p]) => p);
  kept.sort((a, b) => a - b);
  // a copy shifted by one character still means the same boundary
  const merged: number[] = [];
  for (const p of kept) if (!merged.length || p - merged[merged.length - 1]! > 1) merged.push(p);
  return merged;
}

function nearestBoundary(bounds: number[], p: number): number {
  let best = 0;
  for (let i = 1; i < bounds.length; i++)
    if (Math.abs(bounds[i]! - p) < Math.abs(bounds[best]! - p)) best = i;
  return best;
}

interface Piece {
  col: number;
  span: number;
  text: string;
}

/** One content line cut into pieces, each mapped to the column (and span) between its bars. */
function cutLine(text: string, bounds: number[]): Piece[] {
  const chars = Array.from(text);
  const bars = separatorPositions(text, false);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < bars.length; i++) {
    const from = nearestBoundary(bounds, bars[i]!);
    const to = nearestBoundary(bounds, bars[i + 1]!);
    if (to <= from) continue;
    pieces.push({
      col: from,
      span: to - from,
      text: chars
        .slice(bars[i]! + 1, bars[i + 1]!)
        .join('')
        .trim(),
    });
  }
  return pieces;
}

const startsNumbered = (l: NumberedLine, bounds: number[]): boolean => {
  const first = cutLine(l.text, bounds)[0];
  return !!first && first.col === 0 && first.span === 1 && /^\d{1,3}(?:\.\d{1,3})*\.?$/.test(first.text);
};

/** A line drawn across several columns (a section heading): a row of its own. */
const spansColumns = (l: NumberedLine, bounds: number[]): boolean =>
  cutLine(l.text, bounds).some((p) => p.span > 1);

/**
 * Without rules between data rows one group holds many table rows: several lines start a number in the
 * first column, or the group is longer than any single wrapped row would be.
 */
function holdsManyRows(lines: NumberedLine[], bounds: number[]): boolean {
  if (lines.length < 2) return false;
  return lines.filter((l) => startsNumbered(l, bounds)).length >= 2 || lines.length > 40;
}

/**
 * Rows of a group without rules: where the first column is numbered, a row runs from one number to the
 * next (a wrapped line never starts a number there); else every line is a fragment for the assembler.
 */
function splitRows(lines: NumberedLine[], bounds: number[]): { parts: NumberedLine[][]; numbered: boolean } {
  if (lines.filter((l) => startsNumbered(l, bounds)).length < 2)
    return { parts: lines.map((l) => [l]), numbered: false };
  const parts: NumberedLine[][] = [];
  let heading = false;
  for (const l of lines) {
    const across = spansColumns(l, bounds);
    if (!parts.length || startsNumbered(l, bounds) || across || heading) parts.push([l]);
    else parts[parts.length - 1]!.push(l);
    heading = across;
  }
  return { parts, numbered: true };
}

export function parseBoxTable(lines: NumberedLine[]): SourceTable {
  const classified = lines
    .filter((l) => l.text.trim() !== '')
    .map((l) => ({ ...l, rule: !isBoxContentLine(l.text) && isBoxRuleLine(l.text) }));
  const bounds = columnBoundaries(classified);
  const width = Math.max(1, bounds.length - 1);

  // Group content lines into logical rows at rules; remember whether rules separate data rows at all.
  const groups: Array<{ lines: typeof classified; breakBefore: boolean }> = [];
  let current: typeof classified = [];
  let blankSeen = false;
  let prevLine = 0;
  const flush = () => {
    if (current.length) groups.push({ lines: current, breakBefore: blankSeen });
    current = [];
    blankSeen = false;
  };
  for (const l of classified) {
    if (prevLine && l.line > prevLine + 1 && !current.length) blankSeen = true;
    prevLine = l.line;
    if (l.rule) flush();
    else current.push(l);
  }
  flush();

  const rows: SourceRow[] = [];
  for (const g of groups) {
    const { parts: fragments, numbered } = holdsManyRows(g.lines, bounds)
      ? splitRows(g.lines, bounds)
      : { parts: [g.lines], numbered: false };
    fragments.forEach((part, idx) => {
      const texts: string[] = new Array(width).fill('');
      const spans: number[] = new Array(width).fill(1);
      for (const l of part) {
        for (const p of cutLine(l.text, bounds)) {
          if (p.col >= width) continue;
          texts[p.col] = joinFragments(texts[p.col]!, cleanText(p.text));
          spans[p.col] = Math.max(spans[p.col]!, p.span);
        }
      }
      const cells = [];
      for (let c = 0; c < width;) {
        const span = Math.min(spans[c]!, width - c);
        cells.push(cell(texts[c]!, false, span, 1));
        c += span;
      }
      rows.push({ cells, line: part[0]!.line, breakBefore: idx === 0 ? g.breakBefore : !numbered });
    });
  }
  return { kind: 'table', rows, ragged: false };
}
