/**
 * The internal document model every format adapter produces: paragraphs and tables in reading order,
 * with merged cells kept as spans. Everything after the adapters works on this model only.
 */
import type { ImportFormat, ImportWarning } from './types';

export interface SourceCell {
  /** Plain text (HTML and markdown removed, white space collapsed). */
  text: string;
  bold: boolean;
  colSpan: number;
  rowSpan: number;
}

export interface SourceRow {
  cells: SourceCell[];
  /** 1-based provenance; see ActivitySource.line for what it counts per format. */
  line: number;
  page?: number;
  /** A page break (a blank line in a text copy) precedes the row, so it may continue the row before it. */
  breakBefore: boolean;
}

export interface SourceTable {
  kind: 'table';
  rows: SourceRow[];
  sheet?: string;
  /**
   * Rows may have fewer or more cells than the header (tab-separated copies that lost a merged column or
   * fused two cells); the assembler aligns them. Structured formats give rectangular rows.
   */
  ragged: boolean;
}

export interface SourceParagraph {
  kind: 'paragraph';
  text: string;
  bold: boolean;
  line: number;
}

export type SourceBlock = SourceTable | SourceParagraph;

export interface SourceDocument {
  format: ImportFormat;
  encoding?: string;
  blocks: SourceBlock[];
  warnings: ImportWarning[];
}

export const cell = (text: string, bold = false, colSpan = 1, rowSpan = 1): SourceCell => ({
  text,
  bold,
  colSpan,
  rowSpan,
});

/** Progress callback narrowed to a sub-range, so adapters report 0…1 of their own work. */
export type Progress = (fraction: number) => void;
export const subProgress =
  (p: Progress | undefined, from: number, to: number): Progress =>
  (f) =>
    p?.(from + (to - from) * Math.min(1, Math.max(0, f)));
