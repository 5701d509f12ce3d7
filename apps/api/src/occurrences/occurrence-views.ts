import { addDays, effectiveDue, isOverdue, OccurrenceStatus, todayIn } from '@karta/domain';

/** One row of a task list, as the SQL in the services selects it. */
export interface TaskRow {
  id: string;
  activity_id: string;
  roadmap_id: string;
  roadmap_title?: string;
  number: string | null;
  title: string;
  term_raw: string;
  result: string | null;
  kind: string;
  label: string | null;
  due: string;
  baseline_due: string;
  rework_due: string | null;
  status: OccurrenceStatus;
  overdue: boolean;
  escalation_level: number;
  tz: string;
  organization: string | null;
  organization_id?: string | null;
  delay_note: string | null;
}

export const TASK_COLUMNS = `o.id, o.activity_id, o.roadmap_id, r.title AS roadmap_title, a.number, a.title, a.term_raw, a.result, o.kind, o.label,
  o.due::text AS due, o.baseline_due::text AS baseline_due, o.rework_due::text AS rework_due, o.status, o.overdue,
  o.escalation_level, o.delay_note, g.tz`;

export const DUE_SOON_DAYS = 14;

export function taskView(row: TaskRow, now: Date) {
  const today = todayIn(row.tz, now);
  const state = { status: row.status, due: row.due, reworkDue: row.rework_due };
  const overdue = row.overdue || isOverdue(state, today);
  const held = effectiveDue(state);
  return {
    id: row.id,
    activityId: row.activity_id,
    roadmapId: row.roadmap_id,
    roadmapTitle: row.roadmap_title ?? null,
    number: row.number,
    title: row.title,
    label: row.label,
    kind: row.kind,
    term: row.term_raw,
    result: row.result,
    due: row.due,
    baselineDue: row.baseline_due,
    reworkDue: row.rework_due,
    status: row.status,
    overdue,
    dueSoon:
      !overdue &&
      ['planned', 'open', 'returned'].includes(row.status) &&
      held >= today &&
      held <= addDays(today, DUE_SOON_DAYS),
    escalationLevel: row.escalation_level,
    organization: row.organization,
    organizationId: row.organization_id ?? null,
    /** The head's latest note on the reason for delay (each note replaces the previous one). */
    delayNote: row.delay_note ?? null,
  };
}
