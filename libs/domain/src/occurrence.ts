import { IsoDate, isIsoDate } from './dates';
import { conflict, invalid } from './errors';
import { STATUS_LABELS } from './status-labels';

export const OCCURRENCE_STATUSES = [
  'planned',
  'open',
  'submitted',
  'returned',
  'approved',
  'cancelled',
] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

/** As a column value or a badge: «В работе». Inside a sentence use STATUS_LABELS («в работе»). */
export const OCCURRENCE_STATUS_LABELS = Object.fromEntries(
  OCCURRENCE_STATUSES.map((s) => [s, STATUS_LABELS[s][0].toUpperCase() + STATUS_LABELS[s].slice(1)]),
) as Record<OccurrenceStatus, string>;

/** The outcome as the ministry reports it. */
export const OUTCOMES = ['выполнено', 'выполнено с нарушением срока', 'не выполнено'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOMES_REQUIRING_REASON: readonly Outcome[] = ['выполнено с нарушением срока', 'не выполнено'];

/** What a state transition needs to know about an occurrence; the entity satisfies it structurally. */
export interface OccurrenceState {
  status: OccurrenceStatus;
  baselineDue: IsoDate;
  due: IsoDate;
  reworkDue: IsoDate | null;
  firstSubmittedOn: IsoDate | null;
  lastSubmittedOn: IsoDate | null;
  delayNote: string | null;
  outcome: Outcome | null;
  outcomeReason: string | null;
}

export type OccurrencePatch = Partial<OccurrenceState> & { overdue?: boolean };

const ACTIVE: readonly OccurrenceStatus[] = ['planned', 'open', 'submitted', 'returned'];

export const isActive = (s: OccurrenceStatus) => ACTIVE.includes(s);

/** The date the executor is held to now: the rework date after a return, else the current approved due. */
export function effectiveDue(o: Pick<OccurrenceState, 'status' | 'due' | 'reworkDue'>): IsoDate {
  return o.status === 'returned' && o.reworkDue ? o.reworkDue : o.due;
}

/** Overdue: the executor still owes something and the date held to has passed. Waiting for review is not overdue. */
export function isOverdue(o: Pick<OccurrenceState, 'status' | 'due' | 'reworkDue'>, today: IsoDate): boolean {
  return (
    (o.status === 'planned' || o.status === 'open' || o.status === 'returned') && effectiveDue(o) < today
  );
}

function requireStatus(o: OccurrenceState, allowed: readonly OccurrenceStatus[], action: string): void {
  if (!allowed.includes(o.status)) {
    throw conflict('occurrence_state', `Нельзя ${action}: мероприятие в статусе «${labelOf(o.status)}»`, {
      status: o.status,
      allowed,
    });
  }
}

const labelOf = (s: OccurrenceStatus) => STATUS_LABELS[s];

export function open(o: OccurrenceState): OccurrencePatch {
  requireStatus(o, ['planned'], 'открыть срок');
  return { status: 'open' };
}

/** Evidence submitted by the executor (a planned occurrence may be reported early). */
export function submit(o: OccurrenceState, on: IsoDate): OccurrencePatch {
  requireStatus(o, ['planned', 'open', 'returned'], 'отправить отчёт');
  return {
    status: 'submitted',
    firstSubmittedOn: o.firstSubmittedOn ?? on,
    lastSubmittedOn: on,
    overdue: false,
  };
}

/** Late when the first report came after the due date, or the rework came after its own date. */
export function isLate(o: OccurrenceState): boolean {
  if (!o.firstSubmittedOn) return true;
  if (o.firstSubmittedOn > o.due) return true;
  return !!(o.reworkDue && o.lastSubmittedOn && o.lastSubmittedOn > o.reworkDue);
}

export function approve(o: OccurrenceState, reason?: string | null): OccurrencePatch {
  requireStatus(o, ['submitted'], 'принять отчёт');
  const late = isLate(o);
  const outcome: Outcome = late ? 'выполнено с нарушением срока' : 'выполнено';
  const why = (reason ?? '').trim() || (o.delayNote ?? '').trim();
  if (late && !why) {
    throw invalid(
      'reason_required',
      'Срок нарушен: укажите причину нарушения срока (комментарий или пояснение руководителя)',
      {
        field: 'comment',
      },
    );
  }
  return { status: 'approved', outcome, outcomeReason: late ? why : null, overdue: false };
}

export function returnForRework(o: OccurrenceState, comment: string, reworkDue: IsoDate): OccurrencePatch {
  requireStatus(o, ['submitted'], 'вернуть отчёт на доработку');
  if (!comment.trim())
    throw invalid('comment_required', 'Укажите, что нужно доработать', { field: 'comment' });
  if (!isIsoDate(reworkDue))
    throw invalid('bad_date', 'Срок доработки должен быть датой ГГГГ-ММ-ДД', { field: 'reworkDue' });
  return { status: 'returned', reworkDue };
}

export function changeDue(o: OccurrenceState, newDue: IsoDate): OccurrencePatch {
  requireStatus(o, ACTIVE, 'перенести срок');
  if (!isIsoDate(newDue))
    throw invalid('bad_date', 'Новый срок должен быть датой ГГГГ-ММ-ДД', { field: 'proposedDue' });
  return { due: newDue };
}

export function cancel(o: OccurrenceState): OccurrencePatch {
  requireStatus(o, ACTIVE, 'отменить');
  return { status: 'cancelled', overdue: false };
}

/** Closing a roadmap with the occurrence still owed: `не выполнено`, with the reason the ministry reports. */
export function markNotDone(o: OccurrenceState, reason: string): OccurrencePatch {
  requireStatus(o, ACTIVE, 'отметить как невыполненное');
  if (!reason.trim()) throw invalid('reason_required', 'Укажите причину невыполнения', { field: 'reason' });
  return { status: 'cancelled', outcome: 'не выполнено', outcomeReason: reason.trim(), overdue: false };
}

/** Checks an outcome given by hand (e.g. a past-due item marked done at launch). */
export function validateOutcome(outcome: Outcome, reason: string | null | undefined): void {
  if (!OUTCOMES.includes(outcome))
    throw invalid('bad_outcome', `Итог должен быть одним из: ${OUTCOMES.join(', ')}`, { field: 'outcome' });
  if (OUTCOMES_REQUIRING_REASON.includes(outcome) && !(reason ?? '').trim()) {
    throw invalid('reason_required', `Для итога «${outcome}» укажите причину`, { field: 'reason' });
  }
}
