/**
 * The importer's public contract (issue 5). `karta import --json` prints an ImportResult; field names and
 * shapes follow the issue exactly, extra fields are additions, never renames.
 */
import type { TermResult } from '@karta/terms';

export const IMPORT_FORMATS = ['text', 'docx', 'pdf', 'html', 'xlsx'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type FormatOption = ImportFormat | 'auto';

/** ISO dates `YYYY-MM-DD`, both ends inclusive. */
export interface IsoPeriod {
  from: string;
  to: string;
}

export interface ImportInput {
  bytes: Uint8Array;
  /** Only reported back in `source.file` and in messages; the format is never guessed from it. */
  fileName?: string;
  format?: FormatOption;
  /** The zone term dates are read in (default `Europe/Moscow`). */
  tz?: string;
  /** Used for term parsing when the document states no period of its own. */
  defaultPeriod?: IsoPeriod;
  onProgress?: (fraction: number) => void;
  /** Larger inputs are refused before parsing (default 25 MB). */
  maxBytes?: number;
  /** Upper bound on reading one PDF (default 30 s); a runaway document is stopped, not waited for. */
  timeoutMs?: number;
}

export interface ImportWarning {
  line: number | null;
  message: string;
}

export interface Approval {
  /** As written: `приказом департамента образования и науки Костромской области`. */
  by: string;
  date: string | null;
  number: string | null;
  /** `приказ`, `распоряжение`, `постановление` when it can be told. */
  instrument?: string;
}

/** `raw` is the term cell as written (white space collapsed, HTML removed); the rest is the term engine's reading. */
export type ActivityTerm = { raw: string } & TermResult;

export interface ActivitySource {
  /** 1-based: the text line (text, PDF), the sheet row (XLSX), the HTML source line, or the body block (DOCX). */
  line: number;
  page?: number;
  sheet?: string;
}

export interface ImportedActivity {
  /** As written, e.g. `1.4.` or `1.12`; null when the row has none. */
  number: string | null;
  /** Enclosing section headings, outermost first. */
  section: string[];
  /** The system-forming (parent) activity, as written. */
  parent: string | null;
  title: string;
  responsible: string[];
  executors: string[];
  term: ActivityTerm;
  result: string | null;
  source: ActivitySource;
  /** Schedule facts found outside the term cell (`Не менее 4 заседаний ежегодно`), for the curator. */
  scheduleHints: string[];
  /** Columns with no known role, by header text. */
  extra?: Record<string, string>;
}

export type ColumnRole =
  | 'number'
  | 'parent'
  | 'title'
  | 'responsible'
  | 'executors'
  | 'term'
  | 'result'
  /** One period of a schedule given as marks (`I квартал` … `IV квартал`). */
  | 'period'
  | 'extra';

export interface ImportedColumn {
  index: number;
  header: string;
  role: ColumnRole;
}

export type TermContextBasis = 'document' | 'default' | 'inferred';

export interface ImportResult {
  source: { file: string | null; format: ImportFormat; encoding?: string };
  title: string | null;
  approved: Approval | null;
  period: IsoPeriod | null;
  /** The period and zone the terms were actually read against, and where that period came from. */
  termContext: IsoPeriod & { tz: string; basis: TermContextBasis };
  columns: ImportedColumn[];
  activities: ImportedActivity[];
  warnings: ImportWarning[];
}
