/**
 * Row assembly: table grid + column roles → draft activities.
 *
 * Per data row, in this order:
 *   1. skip what is not content: border rows, the `1 2 3 4 5` row, the header repeated after a page break;
 *   2. align ragged text rows (a lost merged first column, a term cell fused with the result cell);
 *   3. a row that names a section (pattern, bold, spanning) opens it;
 *   4. after a page break, a fragment continues the previous activity cell by cell;
 *   5. a row with text only where a spanning heading would sit is a section too;
 *   6. anything else is an activity, its parent (system-forming activity) carried from above.
 * Nothing is dropped silently: what cannot be placed becomes a warning with its line.
 */
import type { Column, ColumnModel } from './header';
import { isHeaderRepeat, isNumberedHeaderRow } from './header';
import type { GridCell, GridRow } from './grid';
import { SectionStack, explicitSectionKind } from './sections';
import {
  firstWords,
  isNumberLike,
  isRuleText,
  joinFragments,
  splitLeadingNumber,
  startsLowercase,
  startsWithListMarker,
} from './text';
import type { ImportWarning } from './types';

export interface ParentRef {
  text: string;
  line: number;
  children: number;
}

export interface DraftActivity {
  number: string | null;
  /** The number cell was a merged cell repeated from the row above. */
  numberRepeated: boolean;
  section: string[];
  sectionYear: number | null;
  parent: ParentRef | null;
  title: string;
  responsible: string;
  executors: string;
  term: string;
  /** Texts of the period (mark) columns, in column order. */
  periods: string[];
  result: string;
  extra: Record<string, string>;
  line: number;
  page?: number;
  /** The term was cut off the front of the result cell it was fused with. */
  fusedTerm: boolean;
  /** The term and result cell as it came, when the two were fused in one (split or not). */
  fusedCell?: string;
}

export interface AssemblyDeps {
  /** `Ежегодно Тиражирование…` → term + rest, when the head reads as a term without doubt. */
  splitFusedTerm(text: string): { term: string; rest: string } | null;
  /** 0…1 over the rows, for a progress bar on large files. */
  progress?: (fraction: number) => void;
}

export interface Assembly {
  activities: DraftActivity[];
  parents: ParentRef[];
  warnings: ImportWarning[];
}

/** A row seen through the column roles. */
interface RowView {
  number: string;
  numberRepeated: boolean;
  parent: string;
  title: string;
  responsible: string;
  executors: string;
  term: string;
  periods: string[];
  result: string;
  extra: Record<string, string>;
  bold: boolean;
  /** A single cell spans several columns: a heading drawn across the table. */
  spanning: boolean;
  /** Text sits only in the leading number/parent cells, the rest of the row is empty. */
  leadingOnly: string;
  fusedTerm: boolean;
  fusedCell?: string;
}

const EMPTY_CELL: GridCell = { text: '', bold: false, cover: null, colSpan: 1 };

export function assemble(rows: GridRow[], model: ColumnModel, deps: AssemblyDeps): Assembly {
  const warnings: ImportWarning[] = [];
  const activities: DraftActivity[] = [];
  const parents: ParentRef[] = [];
  const sections = new SectionStack();
  const roles = model.columns;
  const hasNumberColumn = roles.some((c) => c.role === 'number');
  const hasParentColumn = roles.some((c) => c.role === 'parent');
  let parent: ParentRef | null = null;
  let last: DraftActivity | null = null;
  let lastRowWasSection = false;

  // A page break before a skipped row (the header or `1 2 3…` repeated on the new page) still separates
  // the rows around it.
  let pendingBreak = false;
  let seen = 0;
  for (const source of rows) {
    if (deps.progress && ++seen % 1024 === 0) deps.progress(seen / rows.length);
    if (isSkippable(source, model)) {
      pendingBreak ||= source.breakBefore;
      continue;
    }
    const row = pendingBreak && !source.breakBefore ? { ...source, breakBefore: true } : source;
    pendingBreak = false;
    const aligned = align(row, model, deps, warnings);
    const view = project(aligned.cells, roles, aligned.fusedTerm);
    if (aligned.fusedCell) view.fusedCell = aligned.fusedCell;
    const heading = headingText(view);
    const dataEmpty = !hasData(view);

    // 3. a row that names a section
    if (
      heading &&
      dataEmpty &&
      !startsLowercase(heading) &&
      (explicitSectionKind(heading) || view.bold || view.spanning)
    ) {
      enterSection(heading);
      continue;
    }

    // 4. a fragment continuing the row before a page break
    if (row.breakBefore && last && continues(view, last, hasNumberColumn)) {
      appendFragment(last, view);
      parent ??= last.parent; // a parent first seen in a fragment goes on to the activities after it
      lastRowWasSection = false;
      continue;
    }

    // A lower-case fragment with no number and nothing of its own, where no break was marked (a copy
    // that lost the blank line): it can only continue the row above.
    if (
      !row.breakBefore &&
      last &&
      !view.number &&
      startsLowercase(view.title) &&
      !view.responsible &&
      !view.executors &&
      !view.term
    ) {
      warnings.push({
        line: row.line,
        message: 'строка начинается со строчной буквы и продолжает предыдущую, хотя разрыва страницы нет',
      });
      appendFragment(last, view);
      lastRowWasSection = false;
      continue;
    }

    // 5. headings recognised by their place: a label's name on the next row, text only in leading cells
    if (dataEmpty && !view.title && view.leadingOnly) {
      if (lastRowWasSection && sections.lastIsLabelOnly()) {
        sections.extendLast(view.leadingOnly);
        continue;
      }
      if (hasNumberColumn && view.number && !isNumberLike(view.number)) {
        enterSection(view.leadingOnly);
        continue;
      }
    }
    lastRowWasSection = false;

    // 6. an activity
    if (view.parent) {
      if (row.breakBefore && parent && continuesParent(view.parent, parent.text))
        parent.text = joinFragments(parent.text, view.parent);
      else {
        parent = { text: view.parent, line: row.line, children: 0 };
        parents.push(parent);
      }
    }
    let number: string | null = view.number || null;
    let title = view.title;
    if (!hasNumberColumn) {
      const split = splitLeadingNumber(title);
      if (split) {
        number = split.number;
        title = split.rest;
      }
    }
    if (!title) {
      if (!hasData(view)) {
        // a parent-only row sets the parent for the activities that follow; anything else is reported
        if (!view.parent)
          warnings.push({
            line: row.line,
            message: `строка без наименования и данных пропущена: «${rowText(view)}»`,
          });
        continue;
      }
      if (view.parent && hasParentColumn) {
        title = view.parent; // a system-forming activity with no activities of its own
      } else if (last) {
        warnings.push({
          line: row.line,
          message: `строка без наименования мероприятия присоединена к предыдущему (${firstWords(last.title, 6)})`,
        });
        appendFragment(last, view);
        continue;
      } else {
        warnings.push({
          line: row.line,
          message: `строка без наименования мероприятия пропущена: «${firstWords(rowText(view), 10)}»`,
        });
        continue;
      }
    }
    if (parent) parent.children++;
    last = {
      number,
      numberRepeated: view.numberRepeated,
      section: sections.path(),
      sectionYear: sections.year(),
      parent: hasParentColumn ? parent : null,
      title,
      responsible: view.responsible,
      executors: view.executors,
      term: view.term,
      periods: view.periods,
      result: view.result,
      extra: view.extra,
      line: row.line,
      page: row.page,
      fusedTerm: view.fusedTerm,
      ...(view.fusedCell ? { fusedCell: view.fusedCell } : {}),
    };
    activities.push(last);
    if (view.fusedTerm) {
      warnings.push({
        line: row.line,
        message: `срок слит с результатом в одной ячейке; прочитан срок «${view.term}», остальное отнесено к результату`,
      });
    }
  }

  function enterSection(text: string) {
    sections.enter(text);
    parent = null;
    lastRowWasSection = true;
  }

  for (const p of parents) {
    if (p.children === 0)
      warnings.push({
        line: p.line,
        message: `системообразующее мероприятие без мероприятий: «${firstWords(p.text, 8)}»`,
      });
  }
  return { activities, parents, warnings };
}

function isSkippable(row: GridRow, model: ColumnModel): boolean {
  const texts = row.cells.filter((c) => c.cover === null).map((c) => c.text);
  if (texts.every((t) => t === '')) return true;
  if (texts.every((t) => t === '' || isRuleText(t))) return true; // `-- -- --`: border remnants
  return isNumberedHeaderRow(row) || isHeaderRepeat(row, model);
}

/**
 * Text copies lose cells: a row without its merged first column comes shifted left, and a term cell may
 * be fused with the result cell after a page break. Rows wider than the header keep their extra text in
 * the last column.
 */
function align(
  row: GridRow,
  model: ColumnModel,
  deps: AssemblyDeps,
  warnings: ImportWarning[],
): { cells: GridCell[]; fusedTerm: boolean; fusedCell?: string } {
  let cells = row.cells;
  const width = model.width;
  while (cells.length > width && cells[cells.length - 1]!.text === '') cells = cells.slice(0, -1);
  if (cells.length === width) return { cells, fusedTerm: false };
  if (cells.length > width) {
    const tail = cells
      .slice(width - 1)
      .map((c) => c.text)
      .filter(Boolean)
      .join(' ');
    warnings.push({
      line: row.line,
      message: `в строке больше ячеек (${cells.length}), чем столбцов (${width}); лишнее добавлено в последний столбец`,
    });
    return { cells: [...cells.slice(0, width - 1), { ...cells[width - 1]!, text: tail }], fusedTerm: false };
  }
  const missing = width - cells.length;
  const termIdx = model.columns.findIndex((c) => c.role === 'term');
  if (
    missing === 1 &&
    termIdx >= 1 &&
    termIdx + 1 < width &&
    termIdx < cells.length &&
    cells[termIdx - 1]!.text
  ) {
    const split = cells[termIdx]!.text ? deps.splitFusedTerm(cells[termIdx]!.text) : null;
    if (split) {
      const fused = cells[termIdx]!;
      return {
        cells: [
          ...cells.slice(0, termIdx),
          { ...fused, text: split.term },
          { ...fused, text: split.rest },
          ...cells.slice(termIdx + 1),
        ],
        fusedTerm: true,
        fusedCell: fused.text,
      };
    }
    // Not split, but the row kept its (empty) leading cell: the last cell is term and result together,
    // so nothing moves; the term engine will flag the cell.
    if (cells[0]!.text === '' && termIdx === cells.length - 1 && cells[termIdx]!.text) {
      warnings.push({
        line: row.line,
        message:
          'в строке на ячейку меньше: срок, по-видимому, слит с результатом и не разделён — проверьте срок',
      });
      return { cells: [...cells, EMPTY_CELL], fusedTerm: false, fusedCell: cells[termIdx]!.text };
    }
  }
  const padding = new Array<GridCell>(missing).fill(EMPTY_CELL);
  // A leading number that fits the number column stays put (the row lost cells at its end);
  // otherwise the row lost its leading (merged) cells.
  const keepLeft = model.columns[0]?.role === 'number' && isNumberLike(cells[0]?.text ?? '');
  return { cells: keepLeft ? [...cells, ...padding] : [...padding, ...cells], fusedTerm: false };
}

function project(cells: GridCell[], columns: Column[], fusedTerm: boolean): RowView {
  const view: RowView = {
    number: '',
    numberRepeated: false,
    parent: '',
    title: '',
    responsible: '',
    executors: '',
    term: '',
    periods: [],
    result: '',
    extra: {},
    bold: false,
    spanning: false,
    leadingOnly: '',
    fusedTerm,
  };
  let boldCells = 0;
  let filled = 0;
  let spanning = false;
  for (const col of columns) {
    const c = cells[col.index] ?? EMPTY_CELL;
    // A merged cell covering this one from the left belongs to its own column; from above, it applies
    // to this row too, except a parent, which is carried anyway.
    const text = c.cover === 'left' || (c.cover === 'up' && col.role === 'parent') ? '' : c.text;
    // a number label keeps its own formatting (Word's list numbers are not bold): only text counts
    if (c.cover === null && c.text && !isNumberLike(c.text)) {
      filled++;
      if (c.bold) boldCells++;
    }
    if (c.cover === null && c.text && c.colSpan > 1) spanning = true;
    switch (col.role) {
      case 'number':
        view.number = text;
        view.numberRepeated = c.cover === 'up';
        break;
      case 'parent':
      case 'title':
      case 'responsible':
      case 'executors':
      case 'term':
      case 'result':
        view[col.role] = joinFragments(view[col.role], text);
        break;
      case 'period':
        view.periods.push(text);
        break;
      case 'extra':
        if (text) view.extra[col.header || `столбец ${col.index + 1}`] = text;
        break;
    }
  }
  view.bold = filled > 0 && boldCells === filled;
  view.spanning = spanning;
  // Text that sits only in the first one or two cells (number/parent columns): a heading drawn across the
  // table and flattened into its first cell by the copy.
  const leading = columns.filter((c) => c.index < 2 && (c.role === 'number' || c.role === 'parent'));
  const leadingTexts = leading
    .map((c) => (cells[c.index]?.cover === null ? cells[c.index]!.text : ''))
    .filter(Boolean);
  const others = columns
    .filter((c) => !leading.includes(c))
    .some((c) => (cells[c.index]?.cover === null ? cells[c.index]?.text : ''));
  view.leadingOnly = !others && leadingTexts.length ? leadingTexts.join(' ') : '';
  return view;
}

function hasData(v: RowView): boolean {
  return !!(
    v.responsible ||
    v.executors ||
    v.term ||
    v.result ||
    v.periods.some(Boolean) ||
    Object.keys(v.extra).length
  );
}

/** The text a heading row shows: `1 Задача: …` keeps its number cell, a spanning row its only text. */
function headingText(v: RowView): string {
  if (v.title) return v.number && !v.numberRepeated ? `${v.number} ${v.title}` : v.title;
  return v.leadingOnly;
}

function rowText(v: RowView): string {
  return [v.number, v.parent, v.title, v.responsible, v.executors, v.term, v.result]
    .filter(Boolean)
    .join(' ');
}

/**
 * After a page break: does this row continue the activity before it? A number or a numbered title starts
 * a new one; an empty title, a lower-case or list-item start, a hyphen left hanging, or a row with no
 * responsible, executors or term of its own continues.
 */
function continues(v: RowView, last: DraftActivity, hasNumberColumn: boolean): boolean {
  if (v.number && isNumberLike(v.number)) return false;
  const title = v.title;
  if (!title) return true;
  if (!hasNumberColumn && splitLeadingNumber(title)) return false;
  if (startsLowercase(title) || startsWithListMarker(title)) return true;
  if (/\p{L}-$/u.test(last.title)) return true;
  return !v.responsible && !v.executors && !v.term && !v.periods.some(Boolean);
}

/**
 * Does the parent cell of a new activity continue the parent before the page break? Merged first-column
 * text is cut by the break too (`(комплексы мер…`, `НМС, отдельных субъектов…` after `…функционирования РС`).
 */
function continuesParent(text: string, before: string): boolean {
  if (/^\d+(?:\.\d+)*\.?\s*\p{L}/u.test(text)) return false;
  if (startsLowercase(text) || /^[,;:)]/u.test(text)) return true;
  if (/[-,]$|\s(?:и|в|на|с|по|для|о|об|к|от|из|за|при|или|а также)$/u.test(before)) return true;
  // an abbreviation split in two: `…функционирования РС` + `НМС, отдельных…`
  return /^\p{Lu}{2,}[,\s]/u.test(text) && /\s\p{Lu}{2,}$/u.test(before);
}

/** Appends a fragment to the activity before it, cell by cell (its parent too, which all its siblings share). */
function appendFragment(last: DraftActivity, v: RowView): void {
  if (v.parent) {
    if (last.parent) last.parent.text = joinFragments(last.parent.text, v.parent);
    else last.parent = { text: v.parent, line: last.line, children: 1 };
  }
  if (v.number && !last.number) last.number = v.number;
  last.title = joinFragments(last.title, v.title);
  last.responsible = joinFragments(last.responsible, v.responsible);
  last.executors = joinFragments(last.executors, v.executors);
  last.term = joinFragments(last.term, v.term);
  last.result = joinFragments(last.result, v.result);
  v.periods.forEach((p, i) => (last.periods[i] = joinFragments(last.periods[i] ?? '', p)));
  for (const [k, t] of Object.entries(v.extra)) last.extra[k] = joinFragments(last.extra[k] ?? '', t);
}
