/**
 * The contract of the term engine (issue 4). `karta term` prints a TermResult as JSON;
 * the importer embeds it as `activity.term` (plus `raw`). Add fields freely, never rename.
 */
export type TermKind = 'once' | 'recurring' | 'continuous' | 'external' | 'none' | 'unknown';

/** A roadmap period and the zone its dates are read in. Dates are ISO `YYYY-MM-DD`. */
export interface TermContext {
  from: string;
  to: string;
  tz: string;
}

export interface TermOccurrence {
  start: string | null;
  due: string;
}

export interface TermWindow {
  start: string | null;
  end: string | null;
}

export interface TermResult {
  /** The phrase exactly as given. */
  input: string;
  kind: TermKind;
  /** Sorted by due; only those inside the period. */
  occurrences: TermOccurrence[];
  /** The whole span the phrase covers inside the period. */
  window: TermWindow;
  needsReview: boolean;
  /** Present when needsReview. */
  reason?: string;
  /** Whose schedule, for `external` terms, when named (e.g. `ФГБУ «ФИОКО»`). */
  external?: string;
}
