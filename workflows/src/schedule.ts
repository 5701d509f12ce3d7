/**
 * When reminders, escalations and notices fall due: pure functions of an occurrence's state, the policy,
 * the production calendar and the zone. The workflow runs them to set its timers; the API may run the same
 * functions to show planned reminders (`planFor`) and to lay out checkpoints (`planCheckpoints`).
 */
import { MONTH_NAMES } from '../../libs/terms/src/months';
import {
  addWorkingDays,
  calendarFor,
  WorkingCalendar,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
} from './calendar';
import type {
  CheckpointCadence,
  OccurrenceState,
  PartState,
  PlannedNotification,
  Policy,
  RecipientRole,
} from './messages';
import { addDays, endOfLocalDay, iso, zonedInstant } from './time';

export interface Step {
  /** Unique within a part and kind: the level with the part's epoch (`d10`, `2`, `d3@1`). */
  key: string;
  kind: 'reminder' | 'escalation';
  /** Same as `key` (kept apart for readability where the meaning is "level"). */
  level: string;
  /** Intended send time, epoch ms. */
  at: number;
  recipients: RecipientRole[];
  /** Reminders: working days left. */
  offset?: number;
  /** Escalations: the level number. */
  escalation?: number;
}

export interface ScheduleContext {
  policy: Policy;
  tz: string;
  calendar?: WorkingCalendar;
}

const cal = (ctx: ScheduleContext) => ctx.calendar ?? calendarFor(ctx.policy.calendar);

/** Parts that still owe something and so get reminders and escalations. */
export const isActionable = (p: Pick<PartState, 'status'>) => p.status === 'open' || p.status === 'returned';

/** The date the part is held to now (libs/domain `effectiveDue`). */
export function effectiveDue(
  occurrence: Pick<OccurrenceState, 'due'>,
  part: Pick<PartState, 'status' | 'reworkDue'>,
) {
  return part.status === 'returned' && part.reworkDue ? part.reworkDue : occurrence.due;
}

const handledKeys = (part: PartState) => new Set(part.steps.map((s) => `${s.kind}/${s.key}`));
const keyOf = (s: Pick<Step, 'kind' | 'key'>) => `${s.kind}/${s.key}`;

/** A step's level as stored and shown: `d3`, `2`, and `d3@1` once the part was re-planned. */
export function stepLevel(base: string, epoch: number): string {
  return epoch > 0 ? `${base}@${epoch}` : base;
}

/** Reminders before `due`, one per distinct day (a non-working due day folds offsets onto one day). */
export function reminderSteps(due: string, epoch: number, ctx: ScheduleContext): Step[] {
  const c = cal(ctx);
  const lastWorking = workingDayOnOrBefore(c, due);
  const offsets = [...new Set(ctx.policy.reminderOffsets)].filter((o) => o >= 0).sort((a, b) => a - b);
  const seenDays = new Set<string>();
  const steps: Step[] = [];
  for (const offset of offsets) {
    const day = offset === 0 ? lastWorking : addWorkingDays(c, due, -offset);
    if (seenDays.has(day)) continue;
    seenDays.add(day);
    const level = stepLevel(`d${offset}`, epoch);
    steps.push({
      key: level,
      kind: 'reminder',
      level,
      at: zonedInstant(day, ctx.policy.sendAt, ctx.tz),
      recipients: ['executor'],
      offset,
    });
  }
  return steps.sort((a, b) => a.at - b.at);
}

const ESCALATION_RECIPIENTS: Record<1 | 2 | 3, RecipientRole[]> = {
  1: ['executor', 'head'],
  2: ['curator'],
  3: ['executor', 'head', 'curator'],
};

/** Level 1: executor + head; 2: curator; 3 and on: all three, every `repeatEveryDays`. */
export function escalationStep(due: string, epoch: number, level: number, ctx: ScheduleContext): Step {
  const c = cal(ctx);
  const { firstAfterWorkingDays, curatorAfterWorkingDays, repeatEveryDays } = ctx.policy.escalation;
  const first = addWorkingDays(c, due, Math.max(1, firstAfterWorkingDays));
  let day = first;
  if (level >= 2) day = addWorkingDays(c, first, curatorAfterWorkingDays);
  if (level >= 3) day = workingDayOnOrAfter(c, addDays(day, (level - 2) * repeatEveryDays));
  const key = stepLevel(String(level), epoch);
  return {
    key,
    kind: 'escalation',
    level: key,
    at: zonedInstant(day, ctx.policy.sendAt, ctx.tz),
    recipients: ESCALATION_RECIPIENTS[Math.min(level, 3) as 1 | 2 | 3],
    escalation: level,
  };
}

export interface DueSteps {
  fire: Step[];
  skip: Step[];
}

/**
 * Steps due at `now` that were not handled yet. When several fell due together (launch of an overdue item,
 * a worker outage) only the latest is sent and the rest are skipped, so nobody gets a pile of stale
 * messages; level 1 is kept beside level 2 because they go to different people.
 */
export function dueSteps(
  occurrence: OccurrenceState,
  part: PartState,
  now: number,
  ctx: ScheduleContext,
): DueSteps {
  if (!isActionable(part)) return { fire: [], skip: [] };
  const handled = handledKeys(part);
  const due = effectiveDue(occurrence, part);
  const armed = Date.parse(part.armedAt);
  const reminders = reminderSteps(due, part.epoch, ctx).filter(
    (s) => s.at >= armed && s.at <= now && !handled.has(keyOf(s)),
  );
  const escalations: Step[] = [];
  for (let level = 1; ; level++) {
    const step = escalationStep(due, part.epoch, level, ctx);
    if (step.at > now) break;
    if (!handled.has(keyOf(step))) escalations.push(step);
  }
  if (escalations.length > 0) {
    const top = escalations[escalations.length - 1];
    const fire = [top];
    const first = escalations.find((s) => s.escalation === 1);
    if (top.escalation === 2 && first) fire.unshift(first);
    return { fire, skip: [...reminders, ...escalations.filter((s) => !fire.includes(s))] };
  }
  if (reminders.length > 0) {
    return { fire: [reminders[reminders.length - 1]], skip: reminders.slice(0, -1) };
  }
  return { fire: [], skip: [] };
}

/** When a planned part opens: the start of its first day (or at once when the term gives no start). */
export function openingOf(
  occurrence: Pick<OccurrenceState, 'start'>,
  part: Pick<PartState, 'status'>,
  ctx: ScheduleContext,
) {
  return part.status === 'planned' && occurrence.start
    ? zonedInstant(occurrence.start, '00:00', ctx.tz)
    : -Infinity;
}

/** The next instant at which something about this part changes by itself (a step, the due date passing). */
export function nextWake(
  occurrence: OccurrenceState,
  part: PartState,
  now: number,
  ctx: ScheduleContext,
): number {
  let next = Infinity;
  if (part.status === 'planned') return Math.max(openingOf(occurrence, part, ctx), now);
  if (!isActionable(part)) return next;
  const due = effectiveDue(occurrence, part);
  const overdueAt = endOfLocalDay(due, ctx.tz);
  if (overdueAt > now) next = overdueAt;
  for (const s of reminderSteps(due, part.epoch, ctx)) if (s.at > now) next = Math.min(next, s.at);
  for (let level = 1; ; level++) {
    const step = escalationStep(due, part.epoch, level, ctx);
    if (step.at > now) {
      next = Math.min(next, step.at);
      break;
    }
  }
  return next;
}

/** Highest escalation level sent or skipped for the part's current plan (what the ministry sees). */
export function escalationLevel(part: PartState): number {
  let level = 0;
  for (const s of part.steps) {
    if (s.kind !== 'escalation') continue;
    const [base, epoch] = s.key.split('@');
    if (Number(epoch ?? 0) === part.epoch) level = Math.max(level, Number(base));
  }
  return level;
}

/**
 * Reminders and escalations of one part as the API shows them: everything already sent or skipped, and
 * for a part that still owes something the steps still ahead (escalations up to the next level).
 */
export function planFor(
  occurrence: OccurrenceState,
  part: PartState,
  ctx: ScheduleContext,
): PlannedNotification[] {
  const plan: PlannedNotification[] = part.steps.map((s) => ({
    at: s.scheduledFor,
    kind: s.kind,
    level: s.level,
    organizationId: part.organizationId,
    recipients: recipientsOf(s.kind, s.level),
    state: s.skipped ? 'skipped' : 'sent',
    ...(s.skipped ? {} : { sentAt: s.at }),
  }));
  if (isActionable(part) || part.status === 'planned') {
    const handled = handledKeys(part);
    const due = effectiveDue(occurrence, part);
    const armed = Math.max(Date.parse(part.armedAt), openingOf(occurrence, part, ctx));
    const reached = escalationLevel(part);
    const ahead = [
      ...reminderSteps(due, part.epoch, ctx),
      ...Array.from({ length: Math.max(2, reached + 1) }, (_, i) =>
        escalationStep(due, part.epoch, i + 1, ctx),
      ),
    ];
    for (const s of ahead) {
      if (handled.has(keyOf(s)) || (s.kind === 'reminder' && s.at < armed)) continue;
      plan.push({
        at: iso(s.at),
        kind: s.kind,
        level: s.level,
        organizationId: part.organizationId,
        recipients: s.recipients,
        state: 'planned',
      });
    }
  }
  return plan.sort((a, b) => a.at.localeCompare(b.at));
}

function recipientsOf(kind: 'reminder' | 'escalation', level: string): RecipientRole[] {
  if (kind === 'reminder') return ['executor'];
  return ESCALATION_RECIPIENTS[Math.min(Number(level.split('@')[0]), 3) as 1 | 2 | 3] ?? [];
}

/** The n-th "external dates are missing" notice to curators (n = 0 on the launch day). */
export function externalNoticeStep(
  launchDay: string,
  n: number,
  ctx: ScheduleContext,
): { key: string; at: number } {
  const day = workingDayOnOrAfter(
    cal(ctx),
    addDays(launchDay, n * ctx.policy.externalDatesReminderEveryDays),
  );
  return { key: `ext${n}`, at: zonedInstant(day, ctx.policy.sendAt, ctx.tz) };
}

// ---------------------------------------------------------------------------------------------------------
// Checkpoints for continuous terms (computed by the API at launch, passed to the workflow as occurrences)
// ---------------------------------------------------------------------------------------------------------

export interface Checkpoint {
  start: string;
  due: string;
  label: string;
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const CADENCE_MONTHS: Record<CheckpointCadence, number> = {
  monthly: 1,
  quarterly: 3,
  halfyear: 6,
  yearly: 12,
};

function lastDayOfMonth(year: number, month0: number): string {
  return new Date(Date.UTC(year, month0 + 1, 0)).toISOString().slice(0, 10);
}

function periodLabel(cadence: CheckpointCadence, year: number, month0: number): string {
  switch (cadence) {
    case 'monthly':
      return `${MONTH_NAMES[month0]} ${year}`;
    case 'quarterly':
      return `${ROMAN[Math.floor(month0 / 3)]} квартал ${year}`;
    case 'halfyear':
      return `${month0 < 6 ? 1 : 2} полугодие ${year}`;
    case 'yearly':
      return `${year} год`;
  }
}

/**
 * Progress checkpoints of a continuous term over `window` (inclusive ISO dates): one per calendar month,
 * quarter, half-year or year that overlaps the window, due at the period's end (or the window's end when it
 * comes first), starting at the period's start (or the window's start).
 */
export function planCheckpoints(
  window: { start: string; end: string },
  cadence: CheckpointCadence,
): Checkpoint[] {
  const step = CADENCE_MONTHS[cadence];
  const [y0, m0] = window.start.split('-').map(Number);
  let year = y0;
  let month0 = Math.floor((m0 - 1) / step) * step;
  const out: Checkpoint[] = [];
  for (;;) {
    const periodStart = `${year}-${String(month0 + 1).padStart(2, '0')}-01`;
    if (periodStart > window.end) break;
    const endMonth0 = month0 + step - 1;
    const periodEnd = lastDayOfMonth(year + Math.floor(endMonth0 / 12), endMonth0 % 12);
    out.push({
      start: periodStart < window.start ? window.start : periodStart,
      due: periodEnd > window.end ? window.end : periodEnd,
      label: periodLabel(cadence, year, month0),
    });
    month0 += step;
    if (month0 >= 12) {
      year += Math.floor(month0 / 12);
      month0 %= 12;
    }
  }
  return out;
}
