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
  /** The typed reading the occurrences were expanded from (issue 4 addition). */
  schedule?: TermSchedule;
}

/**
 * The typed reading of a phrase, before it is expanded into dates (added for issue 4; the CLI prints it as
 * `schedule`). Anchors without a `y` are resolved against the period when expanded.
 */
export type TermAnchor =
  | { unit: 'day'; d: number; m: number; y?: number }
  | { unit: 'month'; m: number; y?: number }
  | { unit: 'quarter'; q: number; y?: number }
  | { unit: 'half'; h: number; y?: number }
  | { unit: 'year'; y: number }
  /** The academic year starting 1 September of `y` (`2022/23 учебный год`). */
  | { unit: 'academic'; y: number };

/**
 * One written item: `until` = `до X` (due at the end of X, no start written); `open` = `с X` with no end;
 * `start` differs from `end` for spans (`с A по B`, `март-декабрь`, `2022 - 2024`).
 */
export interface TermItem {
  start: TermAnchor;
  end: TermAnchor;
  until?: boolean;
  open?: boolean;
}

export type TermSchedule =
  | { type: 'none' }
  | { type: 'unknown' }
  /** Written dates/periods; `annual`: repeated every year of the period (`Октябрь, ежегодно`). */
  | {
      type: 'dates';
      items: TermItem[];
      annual?: boolean;
      minCount?: number;
      /** Years that bound annual items: `Декабрь, ежегодно до 2024 года`. */
      from?: TermAnchor;
      to?: TermAnchor;
    }
  /** A frequency: every month/quarter/half/year, optionally by day `day` (of the following month). */
  | {
      type: 'every';
      unit: 'month' | 'quarter' | 'half' | 'year';
      day?: number;
      following?: boolean;
      minCount?: number;
      /** Bounds written with the frequency: `ежегодно с 2022 года`, `ежемесячно до конца 2023 года`. */
      from?: TermAnchor;
      to?: TermAnchor;
    }
  | { type: 'continuous'; from?: TermAnchor; to?: TermAnchor }
  | {
      type: 'external';
      /** `schedule`: a schedule/plan exists elsewhere; `event`: `по мере …`; `request`: `по запросам …`. */
      basis: 'schedule' | 'event' | 'request';
      owner?: string;
      detail?: string;
    };
