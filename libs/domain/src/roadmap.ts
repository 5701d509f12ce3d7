import { conflict } from './errors';

export const ROADMAP_STATUSES = ['draft', 'active', 'closed'] as const;
export type RoadmapStatus = (typeof ROADMAP_STATUSES)[number];

export const ASSIGNMENT_KINDS = ['responsible', 'executor'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

/** `suggested`: the directory offers candidates but a human must pick; `ignored`: a human said it names nobody to track. */
export const ASSIGNMENT_STATUSES = ['resolved', 'suggested', 'unresolved', 'ignored'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface ReviewWarning {
  message: string;
  line?: number | null;
  accepted: boolean;
}

export interface DraftAssignment {
  id: string;
  kind: AssignmentKind;
  raw: string;
  status: AssignmentStatus;
}

export interface DraftActivity {
  id: string;
  number: string | null;
  title: string;
  term: { raw: string; kind: string; needsReview: boolean; reason?: string | null; occurrences: number };
  termAccepted: boolean;
  warnings: readonly ReviewWarning[];
  assignments: readonly DraftAssignment[];
}

export type BlockerKind =
  | 'term'
  | 'warning'
  | 'responsible'
  | 'executor'
  | 'no_responsible'
  | 'no_executor'
  | 'no_curator'
  | 'document_warning';

export interface Blocker {
  kind: BlockerKind;
  activityId: string | null;
  number: string | null;
  /** The assignment, or the warning's index, the blocker is about. */
  ref: string | number | null;
  message: string;
}

const label = (a: Pick<DraftActivity, 'number' | 'title'>) =>
  a.number ? `№ ${a.number}` : `«${a.title.slice(0, 60)}»`;

/** A term needs a human when the parser says so, cannot read it, or it yields no date at all (unless accepted). */
export function termNeedsHuman(a: DraftActivity): boolean {
  if (a.termAccepted) return false;
  return (
    a.term.needsReview ||
    a.term.kind === 'unknown' ||
    (a.term.kind !== 'continuous' && a.term.kind !== 'external' && a.term.occurrences === 0)
  );
}

/** Everything that must be resolved or explicitly accepted before launch. Empty means launchable. */
export function launchBlockers(
  activities: readonly DraftActivity[],
  documentWarnings: readonly ReviewWarning[] = [],
): Blocker[] {
  const out: Blocker[] = [];
  documentWarnings.forEach((w, i) => {
    if (!w.accepted)
      out.push({
        kind: 'document_warning',
        activityId: null,
        number: null,
        ref: i,
        message: `Предупреждение импорта${w.line ? ` (строка ${w.line})` : ''}: ${w.message}`,
      });
  });
  for (const a of activities) {
    if (termNeedsHuman(a)) {
      out.push({
        kind: 'term',
        activityId: a.id,
        number: a.number,
        ref: null,
        message: `${label(a)}: срок «${a.term.raw}» не распознан однозначно${a.term.reason ? ` (${a.term.reason})` : ''}`,
      });
    }
    a.warnings.forEach((w, i) => {
      if (!w.accepted)
        out.push({
          kind: 'warning',
          activityId: a.id,
          number: a.number,
          ref: i,
          message: `${label(a)}: ${w.message}`,
        });
    });
    for (const s of a.assignments) {
      if (s.status === 'resolved' || s.status === 'ignored') continue;
      out.push({
        kind: s.kind,
        activityId: a.id,
        number: a.number,
        ref: s.id,
        message: `${label(a)}: ${s.kind === 'responsible' ? 'ответственный' : 'исполнитель'} «${s.raw}» не сопоставлен со справочником`,
      });
    }
    if (!a.assignments.some((s) => s.kind === 'responsible' && s.status === 'resolved')) {
      out.push({
        kind: 'no_responsible',
        activityId: a.id,
        number: a.number,
        ref: null,
        message: `${label(a)}: не указана ни одна ответственная организация из справочника`,
      });
    }
  }
  return out;
}

export function assertDraft(status: RoadmapStatus): void {
  if (status !== 'draft')
    throw conflict('roadmap_not_draft', 'Дорожная карта уже запущена: изменять можно только черновик');
}

export function assertActive(status: RoadmapStatus): void {
  if (status !== 'active') throw conflict('roadmap_not_active', 'Дорожная карта не запущена или уже закрыта');
}
