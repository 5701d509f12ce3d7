/**
 * importRoadmap: bytes → ImportResult. Pure except for parsing the bytes: no file system, no clock.
 *
 *   detect format → adapter (SourceDocument) → pick the plan's table → grid (spans expanded)
 *   → column roles → row assembly → metadata and period → terms, parties, hints → result
 */
import type { TermContext } from '@karta/terms';
import { assemble, type DraftActivity } from './assemble';
import { detectFormat } from './detect';
import { ImportError } from './errors';
import { detectColumns, inferColumns, type ColumnModel } from './header';
import { MAX_WIDTH, toGrid, type Grid, type GridRow } from './grid';
import { scheduleHints } from './hints';
import { findApproval, findPeriod, findTitle } from './metadata';
import { subProgress, type Progress, type SourceDocument, type SourceParagraph } from './model';
import { checkNumbering } from './numbering';
import { isPartyLike, splitParties } from './parties';
import { isTermLike, readTerm, splitFusedTerm, termFromMarks } from './terms';
import { firstWords, isRuleText } from './text';
import type {
  ActivityTerm,
  ImportedActivity,
  ImportFormat,
  ImportInput,
  ImportResult,
  ImportWarning,
  IsoPeriod,
  TermContextBasis,
} from './types';

export const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
export const DEFAULT_TZ = 'Europe/Moscow';

/** The refusal of a file over the size limit (also used by the CLI before it reads the file). */
export function tooLarge(size: number, maxBytes: number): ImportError {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return new ImportError(
    'too_large',
    `Файл слишком велик: ${mb(size)} МБ, предел ${mb(maxBytes)} МБ — the file is too large (${mb(size)} MB > ${mb(maxBytes)} MB)`,
  );
}

export async function importRoadmap(input: ImportInput): Promise<ImportResult> {
  const progress = input.onProgress;
  const bytes = input.bytes;
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new ImportError('empty', 'Файл пуст — the file is empty');
  if (bytes.length > maxBytes) throw tooLarge(bytes.length, maxBytes);
  progress?.(0);
  const format: ImportFormat =
    input.format && input.format !== 'auto' ? checkForced(bytes, input.format) : detectFormat(bytes);
  const doc = await readDocument(bytes, format, {
    timeoutMs: input.timeoutMs,
    progress: subProgress(progress, 0, 0.6),
  });
  const tz = input.tz ?? DEFAULT_TZ;

  const picked = pickTable(doc, tz);
  const warnings: ImportWarning[] = [...doc.warnings, ...picked.warnings];

  const title = findTitle(picked.before);
  const approved = findApproval(picked.before);
  const approvedYear = approved?.date ? Number(approved.date.slice(0, 4)) : null;
  const found = findPeriod([title ?? '', ...picked.before.map((p) => p.text)], approvedYear);
  if (found?.startAssumed) {
    warnings.push({
      line: null,
      message: `период «${found.phrase}» не называет начала; начало принято ${found.period.from}`,
    });
  }

  // The fused-term splitter asks "is this head a term, without doubt?": a dated head read against a period
  // that does not contain it would be doubted, so the document's period is used when there is one.
  const probeCtx = probeContext(found?.period ?? input.defaultPeriod ?? null, approvedYear, tz);
  const assembly = assemble(picked.rows, picked.model, {
    splitFusedTerm: (t) => splitFusedTerm(t, probeCtx),
    progress: subProgress(progress, 0.6, 0.75),
  });
  for (const w of [assembly.warnings, checkNumbering(assembly.activities)])
    for (const x of w) warnings.push(x);

  const termPeriod = resolveTermPeriod(
    found?.period ?? null,
    input.defaultPeriod,
    assembly.activities,
    approvedYear,
    warnings,
  );
  const activities: ImportedActivity[] = [];
  const finish = subProgress(progress, 0.75, 1);
  const periodColumns = picked.model.columns.filter((c) => c.role === 'period');
  const hasTermColumn = periodColumns.length > 0 || picked.model.columns.some((c) => c.role === 'term');
  assembly.activities.forEach((d, i) => {
    activities.push(
      finalizeActivity(
        d,
        { ...termPeriod.period, tz },
        periodColumns.map((c) => c.periodPhrase ?? c.header),
        picked.grid.sheet,
        warnings,
      ),
    );
    if (hasTermColumn && activities[i]!.term.kind === 'none')
      warnings.push({ line: d.line, message: 'срок не указан' });
    if (i % 50 === 49) finish(i / assembly.activities.length);
  });
  if (!activities.length)
    warnings.push({ line: null, message: 'в таблице не найдено ни одного мероприятия' });
  progress?.(1);

  return {
    source: { file: input.fileName ?? null, format, ...(doc.encoding ? { encoding: doc.encoding } : {}) },
    title,
    approved,
    period: found?.period ?? null,
    termContext: { ...termPeriod.period, tz, basis: termPeriod.basis },
    columns: picked.model.columns.map((c) => ({ index: c.index, header: c.header, role: c.role })),
    activities,
    warnings: sortWarnings(warnings),
  };
}

const FORMAT_NAMES: Record<ImportFormat, string> = {
  text: 'текст',
  html: 'HTML',
  docx: 'DOCX',
  pdf: 'PDF',
  xlsx: 'XLSX',
};

/**
 * A format given by the caller is refused when the bytes are plainly another one (a DOCX read as text
 * would yield junk, not an error). Text and HTML may be read as each other; bytes that fit no format are
 * left to the adapter asked for, which says what is wrong with them.
 */
function checkForced(bytes: Uint8Array, forced: ImportFormat): ImportFormat {
  let actual: ImportFormat | null = null;
  try {
    actual = detectFormat(bytes);
  } catch (e) {
    if (forced !== 'text' && forced !== 'html') return forced;
    throw e;
  }
  const textual = (f: ImportFormat) => f === 'text' || f === 'html';
  if (actual === forced || (textual(actual) && textual(forced))) return forced;
  throw new ImportError(
    'unsupported',
    `Файл не ${FORMAT_NAMES[forced]}: по содержимому это ${FORMAT_NAMES[actual]}, укажите --format auto — the bytes are ${actual}, not ${forced}`,
  );
}

interface ReadOptions {
  timeoutMs?: number;
  progress: Progress;
}

/** Adapters are loaded on demand: a text import never pays for the PDF, DOCX or XLSX readers. */
async function readDocument(
  bytes: Uint8Array,
  format: ImportFormat,
  opts: ReadOptions,
): Promise<SourceDocument> {
  switch (format) {
    case 'text':
      return (await import('./adapters/text')).readText(bytes, opts.progress);
    case 'html':
      return (await import('./adapters/html')).readHtml(bytes);
    case 'docx':
      return (await import('./adapters/docx')).readDocx(bytes);
    case 'xlsx':
      return (await import('./adapters/xlsx')).readXlsx(bytes, opts.progress);
    case 'pdf':
      return (await import('./adapters/pdf')).readPdf(bytes, opts);
  }
}

interface PickedTable {
  grid: Grid;
  model: ColumnModel;
  /** Data rows of the plan, continuation tables appended. */
  rows: GridRow[];
  /** Prose before the plan (and rows above its header), where the title and approval stamp live. */
  before: SourceParagraph[];
  warnings: ImportWarning[];
}

const coreRoles = (m: ColumnModel) => new Set(m.columns.map((c) => c.role).filter((r) => r !== 'extra')).size;

/**
 * The plan is the table whose header names the most roles; tables that follow with the same header, or
 * with none and the same width, continue it (a table split by page or by section in the source).
 */
function pickTable(doc: SourceDocument, tz: string): PickedTable {
  const tables = doc.blocks.flatMap((b, i) => (b.kind === 'table' ? [{ i, grid: toGrid(b) }] : []));
  const candidates = tables.map((t) => ({ ...t, model: detectColumns(t.grid) }));
  const headed = candidates.filter((c) => c.model) as Array<
    (typeof candidates)[number] & { model: ColumnModel }
  >;
  const warnings: ImportWarning[] = [];
  let chosen = headed.sort(
    (a, b) => coreRoles(b.model) - coreRoles(a.model) || b.grid.rows.length - a.grid.rows.length || a.i - b.i,
  )[0];
  if (!chosen) {
    const largest = [...tables]
      .filter((t) => t.grid.width >= 2)
      .sort((a, b) => b.grid.rows.length - a.grid.rows.length)[0];
    // Only "does this read as a term?" is asked here; the kind does not depend on the period chosen.
    const probeCtx = { from: '2020-01-01', to: '2021-12-31', tz };
    const model =
      largest && inferColumns(largest.grid, { isTermLike: (t) => isTermLike(t, probeCtx), isPartyLike });
    if (!largest || !model) {
      throw new ImportError(
        'no_table',
        'В документе нет таблицы мероприятий — no table of activities found in the document',
      );
    }
    chosen = { ...largest, model };
    const roles = model.columns.map((c) => `${c.index + 1}: ${c.role}`).join(', ');
    warnings.push({
      line: largest.grid.rows[0]?.line ?? null,
      message: `у таблицы нет шапки; роли столбцов определены по содержимому (${roles})`,
    });
  }

  const rows = chosen.grid.rows.slice(chosen.model.dataStart);
  for (const line of chosen.grid.folded)
    warnings.push({
      line,
      message: `в строке больше ${MAX_WIDTH} ячеек; лишние добавлены в последнюю`,
    });
  const signature = chosen.model.signature.join('|');
  let continued = true;
  for (const next of candidates.filter((c) => c.i !== chosen!.i).sort((a, b) => a.i - b.i)) {
    let more: GridRow[] | null = null;
    if (next.i > chosen.i && continued) {
      if (next.model && next.model.signature.join('|') === signature)
        more = next.grid.rows.slice(next.model.dataStart);
      else if (!next.model && next.grid.width === chosen.grid.width) more = next.grid.rows;
    }
    if (more) {
      if (more[0]) more[0] = { ...more[0], breakBefore: true };
      for (const r of more) rows.push(r); // a spread would overflow the stack on a long table
      continue;
    }
    if (next.i > chosen.i) continued = false;
    // a short table before the plan is read as prose (approval stamps); any other one is said to be left out
    if (next.i < chosen.i && next.grid.rows.length <= 3) continue;
    const filled = next.grid.rows.filter((r) =>
      r.cells.some((c) => c.cover === null && c.text && !isRuleText(c.text)),
    ).length;
    if (filled)
      warnings.push({
        line: next.grid.rows[0]?.line ?? null,
        message: `таблица (строк: ${filled}) не похожа на план мероприятий и не прочитана`,
      });
  }

  const before: SourceParagraph[] = doc.blocks.slice(0, chosen.i).flatMap((b) =>
    b.kind === 'paragraph'
      ? [b]
      : b.rows.length <= 3
        ? b.rows.map((r) =>
            rowAsParagraph(
              r.cells.map((c) => c.text),
              r.line,
              r.cells.every((c) => !c.text || c.bold),
            ),
          )
        : [],
  );
  const headerStart = chosen.model.headerStart;
  for (const r of chosen.grid.rows.slice(0, Math.max(0, headerStart))) {
    before.push(
      rowAsParagraph(
        r.cells.filter((c) => c.cover === null).map((c) => c.text),
        r.line,
        r.cells.every((c) => !c.text || c.bold),
      ),
    );
  }
  return { grid: chosen.grid, model: chosen.model, rows, before: before.filter((p) => p.text), warnings };
}

const rowAsParagraph = (texts: string[], line: number, bold: boolean): SourceParagraph => ({
  kind: 'paragraph',
  text: texts.filter(Boolean).join(' '),
  bold,
  line,
});

function probeContext(period: IsoPeriod | null, approvedYear: number | null, tz: string): TermContext {
  if (period) return { ...period, tz };
  const y = approvedYear ?? 2000;
  return { from: `${y}-01-01`, to: `${y + 10}-12-31`, tz };
}

const YEAR = /(?<!\d)(20\d\d)(?!\d)/g;

/**
 * The period terms are read against: the document's own, else the caller's default, else the span of the
 * years the plan names (its approval and its terms), with a warning, else there is nothing to go on.
 */
function resolveTermPeriod(
  documentPeriod: IsoPeriod | null,
  defaultPeriod: IsoPeriod | undefined,
  drafts: DraftActivity[],
  approvedYear: number | null,
  warnings: ImportWarning[],
): { period: IsoPeriod; basis: TermContextBasis } {
  if (documentPeriod) return { period: documentPeriod, basis: 'document' };
  if (defaultPeriod) return { period: defaultPeriod, basis: 'default' };
  const years = new Set<number>(approvedYear ? [approvedYear] : []);
  for (const d of drafts)
    for (const m of [d.term, ...d.periods].join(' ').matchAll(YEAR)) years.add(Number(m[1]));
  if (!years.size) {
    throw new ImportError(
      'no_period',
      'В документе не указан период плана; задайте его (--from/--to) — the plan states no period; pass one (defaultPeriod, --from/--to)',
    );
  }
  const from = Math.min(...years);
  const to = Math.max(...years);
  const period = { from: `${from}-01-01`, to: `${to}-12-31` };
  const span = from === to ? `${from} год` : `${from}–${to} годы`;
  warnings.push({
    line: null,
    message: `в документе не указан период плана; сроки прочитаны за ${span} (по году утверждения и годам в сроках)`,
  });
  return { period, basis: 'inferred' };
}

/** A `2021 год` heading narrows the period for the activities under it. */
function narrow(ctx: TermContext, year: number | null): TermContext {
  if (!year) return ctx;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  if (to < ctx.from || from > ctx.to) return { ...ctx, from, to };
  return { ...ctx, from: from > ctx.from ? from : ctx.from, to: to < ctx.to ? to : ctx.to };
}

function finalizeActivity(
  d: DraftActivity,
  planCtx: TermContext,
  periodPhrases: string[],
  sheet: string | undefined,
  warnings: ImportWarning[],
): ImportedActivity {
  const ctx = narrow(planCtx, d.sectionYear);
  const hasMarks = d.periods.some((p) => p.trim() !== '');
  let term: ActivityTerm;
  const hints = scheduleHints({ title: d.title, result: d.result, other: Object.values(d.extra) });
  if (d.fusedCell) hints.unshift(`срок и результат в одной ячейке: «${firstWords(d.fusedCell, 8)}»`);
  if (hasMarks && !d.term) {
    term = termFromMarks(
      d.periods.map((text, i) => ({ text, phrase: periodPhrases[i] ?? '' })),
      ctx,
    );
  } else {
    term = readTerm(d.term, ctx);
    if (hasMarks) hints.push(`отметки в графике: ${d.periods.map((p) => p || '-').join(' | ')}`);
  }
  if (
    d.sectionYear &&
    (d.sectionYear < Number(planCtx.from.slice(0, 4)) || d.sectionYear > Number(planCtx.to.slice(0, 4)))
  ) {
    warnings.push({
      line: d.line,
      message: `раздел «${d.sectionYear} год» вне периода плана ${planCtx.from}–${planCtx.to}`,
    });
  }
  const activity: ImportedActivity = {
    number: d.number,
    section: d.section,
    parent: d.parent?.text ?? null,
    title: d.title,
    responsible: splitParties(d.responsible),
    executors: splitParties(d.executors),
    term,
    result: d.result || null,
    source: { line: d.line, ...(d.page ? { page: d.page } : {}), ...(sheet ? { sheet } : {}) },
    scheduleHints: hints,
  };
  if (Object.keys(d.extra).length) activity.extra = d.extra;
  return activity;
}

function sortWarnings(ws: ImportWarning[]): ImportWarning[] {
  const seen = new Set<string>();
  return ws
    .filter((w) => {
      const k = `${w.line}|${w.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (a.w.line ?? -1) - (b.w.line ?? -1) || a.i - b.i)
    .map(({ w }) => w);
}
