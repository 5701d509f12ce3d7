/**
 * @karta/importer — roadmap documents (text, pseudographic text, DOCX, PDF, HTML, XLSX) → activities
 * with provenance and warnings, each term read by @karta/terms. See README.md for the pipeline.
 */
export { importRoadmap, DEFAULT_MAX_BYTES, DEFAULT_TZ } from './import';
export { ImportError, isImportError, type ImportErrorCode } from './errors';
export { detectFormat } from './detect';
export { splitParties } from './parties';
export { scheduleHints } from './hints';
export { HEADER_RULES, classifyHeader } from './header';
export type {
  ActivitySource,
  ActivityTerm,
  Approval,
  ColumnRole,
  FormatOption,
  ImportedActivity,
  ImportedColumn,
  ImportFormat,
  ImportInput,
  ImportResult,
  ImportWarning,
  IsoPeriod,
  TermContextBasis,
} from './types';
export { IMPORT_FORMATS } from './types';
