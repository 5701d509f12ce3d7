/**
 * The activity's execution state and every transition of it, as plain deterministic code: no Temporal
 * imports, no clock (callers pass `now`), no I/O. The workflow wires it to timers, updates and activities;
 * unit tests drive it directly.
 *
 * `check*` methods throw `EngineError` and change nothing (they back the update validators);
 * the matching methods apply the change, queue notifications and projection events.
 */
import type { EngineEvent, OutgoingMessage, NotificationContext, Recipient } from './activity-contract';
import { addWorkingDays, calendarFor } from './calendar';
import type {
  ActivityWorkflowInput,
  ActivityWorkflowState,
  Actor,
  CancelActivityInput,
  CarriedState,
  ChangeDeadlineInput,
  CloseRoadmapInput,
  CorrectTermInput,
  NotificationKind,
  OccurrenceInput,
  OccurrenceResult,
  OccurrenceState,
  OccurrenceStatus,
  OrganizationPart,
  PartState,
  Participants,
  Policy,
  ReassignExecutorInput,
  RecipientRole,
  ReviewInput,
  SetExternalDatesInput,
  SubmitEvidenceInput,
  WorkflowStatus,
} from './messages';
import { resolvePolicy } from './messages';
import {
  dueSteps,
  effectiveDue,
  escalationLevel,
  externalNoticeStep,
  isActionable,
  nextWake,
  openingOf,
  planFor,
  ScheduleContext,
  Step,
} from './schedule';
import { endOfLocalDay, iso, isIsoDate, isValidTimeZone, localDate } from './time';
import { STATUS_LABELS } from '../../libs/domain/src/status-labels';

export type EngineErrorKind = 'validation' | 'forbidden' | 'not_found' | 'conflict';

/** A rejected action. `kind` matches libs/domain `DomainErrorKind`; the message is for people (Russian). */
export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

const fail = (kind: EngineErrorKind, code: string, message: string): never => {
  throw new EngineError(kind, code, message);
};

const CLOSED: readonly OccurrenceStatus[] = ['approved', 'cancelled'];
const isClosed = (o: OccurrenceState) => CLOSED.includes(o.status);
const APPLIED_IDS_KEPT = 500;

export type EngineInput = Omit<ActivityWorkflowInput, 'carried'>;

export class ActivityEngine {
  readonly policy: Policy;
  readonly ctx: ScheduleContext;
  status: WorkflowStatus = 'running';
  /** Occurrences whose snapshot must reach the projection. */
  readonly dirty = new Set<string>();
  events: EngineEvent[] = [];
  /** Emails decided but not yet handed to the notify activity. */
  outbox: OutgoingMessage[] = [];
  /** An occurrence closed in this run: time to continue as new. */
  closedSinceStart = false;
  private statusDirty = false;

  private constructor(
    readonly workflowId: string,
    public input: EngineInput,
    readonly state: CarriedState,
  ) {
    this.policy = resolvePolicy(input.policy);
    this.ctx = { policy: this.policy, tz: input.tz, calendar: calendarFor(this.policy.calendar) };
  }

  /** Checks a launch input; the workflow fails fast (non-retryable) on a bad one. */
  static validateInput(input: ActivityWorkflowInput): void {
    if (!input.activityId) fail('validation', 'activity_id', 'Не указан идентификатор мероприятия');
    if (!isValidTimeZone(input.tz)) fail('validation', 'tz', `Неизвестный часовой пояс: ${input.tz}`);
    validateOccurrences(input.occurrences ?? []);
  }

  static launch(workflowId: string, input: ActivityWorkflowInput, now: number): ActivityEngine {
    ActivityEngine.validateInput(input);
    const { carried, ...rest } = input;
    if (carried) {
      const engine = new ActivityEngine(workflowId, rest, { ...carried, runs: carried.runs + 1 });
      return engine;
    }
    const engineInput: EngineInput = { ...rest, participants: normalizeParticipants(rest.participants) };
    const state: CarriedState = {
      occurrences: [],
      closedIds: [],
      appliedIds: [],
      externalDatesSet: input.termKind !== 'external' || input.occurrences.length > 0,
      externalNoticeCount: 0,
      launchedAt: iso(now),
      runs: 0,
      seq: 0,
      changes: 0,
    };
    const engine = new ActivityEngine(workflowId, engineInput, state);
    for (const o of sortByDue(input.occurrences)) engine.addOccurrence(o, now);
    engine.statusDirty = true;
    engine.event('launched', now, { key: 'launched' });
    return engine;
  }

  get participants(): Participants {
    return this.input.participants;
  }

  get waitingForExternalDates(): boolean {
    return this.input.termKind === 'external' && !this.state.externalDatesSet && this.status === 'running';
  }

  active(): OccurrenceState[] {
    return this.state.occurrences.filter((o) => !isClosed(o));
  }

  // -------------------------------------------------------------------------------------------------------
  // Time passing
  // -------------------------------------------------------------------------------------------------------

  /** Opens parts whose start came, fires due reminders/escalations/notices, refreshes overdue flags. */
  tick(now: number): void {
    if (this.status !== 'running') return;
    for (const occ of this.active()) {
      let changed = false;
      for (const part of occ.parts) {
        if (part.status === 'planned' && openingOf(occ, part, this.ctx) <= now) {
          part.status = 'open';
          part.armedAt = iso(Math.max(Date.parse(part.armedAt), openingOf(occ, part, this.ctx)));
          changed = true;
        }
        const { fire, skip } = dueSteps(occ, part, now, this.ctx);
        for (const s of skip) part.steps.push(this.record(s, now, true));
        for (const s of fire) {
          part.steps.push(this.record(s, now, false));
          this.notifyStep(occ, part, s);
          if (s.kind === 'escalation') {
            this.event('escalated', now, {
              key: `${occ.occurrenceId}/${part.organizationId}/escalation/${s.key}`,
              occurrenceId: occ.occurrenceId,
              organizationId: part.organizationId,
              level: s.escalation,
            });
          }
        }
        // A sent reminder alone is not a projection write: the outbox marks the plan row sent when the email
        // leaves. Escalations change the part's level, which refreshPart reports.
        changed = this.refreshPart(occ, part, now) || changed;
      }
      if (this.deriveOccurrence(occ) || changed) this.dirty.add(occ.occurrenceId);
    }
    this.tickExternalNotices(now);
  }

  /** The next instant at which `tick` has something to do; Infinity when only a message can change things. */
  nextWakeAt(now: number): number {
    if (this.status !== 'running') return Infinity;
    let next = Infinity;
    for (const occ of this.active())
      for (const part of occ.parts) next = Math.min(next, nextWake(occ, part, now, this.ctx));
    if (this.waitingForExternalDates) {
      next = Math.min(next, externalNoticeStep(this.launchDay, this.state.externalNoticeCount, this.ctx).at);
    }
    return next;
  }

  private get launchDay(): string {
    return localDate(Date.parse(this.state.launchedAt), this.input.tz);
  }

  private tickExternalNotices(now: number): void {
    if (!this.waitingForExternalDates) return;
    let latest: { key: string; at: number } | undefined;
    for (;;) {
      const step = externalNoticeStep(this.launchDay, this.state.externalNoticeCount, this.ctx);
      if (step.at > now) break;
      latest = step;
      this.state.externalNoticeCount++;
    }
    if (!latest) return;
    this.queue(
      'external-dates-missing',
      latest.key,
      latest.at,
      this.recipients(['curator']),
      undefined,
      undefined,
      {
        externalSource: this.input.externalSource,
      },
    );
  }

  private refreshPart(occ: OccurrenceState, part: PartState, now: number): boolean {
    const before = `${part.due}|${part.overdue}|${part.escalationLevel}`;
    part.due = effectiveDue(occ, part);
    const owes = part.status === 'planned' || isActionable(part);
    const overdue = owes && now >= endOfLocalDay(part.due, this.input.tz);
    if (overdue && !part.overdue) {
      this.event('overdue', now, {
        key: `${occ.occurrenceId}/${part.organizationId}/overdue/${part.epoch}`,
        occurrenceId: occ.occurrenceId,
        organizationId: part.organizationId,
      });
    }
    part.overdue = overdue;
    if (isActionable(part)) part.escalationLevel = escalationLevel(part);
    return before !== `${part.due}|${part.overdue}|${part.escalationLevel}`;
  }

  /** The occurrence follows its lead part; partners are tracked beside it. */
  private deriveOccurrence(occ: OccurrenceState): boolean {
    const before = `${occ.status}|${occ.overdue}|${occ.escalationLevel}`;
    const lead = leadOf(occ);
    if (lead.status !== 'missed') occ.status = lead.status;
    if (occ.parts.every((p) => p.status === 'cancelled')) occ.status = 'cancelled';
    occ.overdue = occ.parts.some((p) => p.overdue);
    occ.escalationLevel = Math.max(0, ...occ.parts.map((p) => p.escalationLevel));
    return before !== `${occ.status}|${occ.overdue}|${occ.escalationLevel}`;
  }

  private record(s: Step, now: number, skipped: boolean) {
    return {
      key: s.key,
      kind: s.kind,
      level: s.level,
      scheduledFor: iso(s.at),
      at: iso(now),
      ...(skipped ? { skipped: true } : {}),
    };
  }

  private notifyStep(occ: OccurrenceState, part: PartState, s: Step): void {
    const roles = s.recipients;
    this.queue(s.kind, s.key, s.at, this.recipients(roles, part.organizationId), occ, part, {
      workingDaysLeft: s.offset,
      escalationLevel: s.escalation,
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Evidence and review
  // -------------------------------------------------------------------------------------------------------

  checkSubmit(input: SubmitEvidenceInput): { occ: OccurrenceState; part: PartState } | 'duplicate' {
    if (!input?.submissionId) fail('validation', 'submission_id', 'Не указан идентификатор отчёта');
    if (this.state.appliedIds.includes(input.submissionId)) return 'duplicate';
    this.requireRunning();
    const occ = this.requireOccurrence(input.occurrenceId);
    const part = this.resolvePart(occ, input.organizationId, input.actor);
    if (!['planned', 'open', 'returned'].includes(part.status)) {
      fail('conflict', 'occurrence_state', `Нельзя отправить отчёт: статус «${STATUS_RU[part.status]}»`);
    }
    if (input.actor.role !== 'admin' && !this.isMember(part.organizationId, input.actor)) {
      fail(
        'forbidden',
        'not_executor',
        'Отчёт может отправить исполнитель или руководитель ответственной организации',
      );
    }
    return { occ, part };
  }

  submit(input: SubmitEvidenceInput, now: number): OccurrenceResult {
    const checked = this.checkSubmit(input);
    if (checked === 'duplicate') return this.occurrenceResultFor(input.occurrenceId);
    const { occ, part } = checked;
    const today = localDate(now, this.input.tz);
    part.submissions.push({
      submissionId: input.submissionId,
      by: input.actor.onBehalfOf ?? input.actor.userId,
      at: iso(now),
      ...(input.comment ? { comment: input.comment } : {}),
      ...(input.evidenceIds ? { evidenceIds: input.evidenceIds } : {}),
    });
    part.firstSubmittedOn ??= today;
    part.lastSubmittedOn = today;
    part.status = 'submitted';
    this.applied(input.submissionId);
    this.refreshPart(occ, part, now);
    this.deriveOccurrence(occ);
    this.dirty.add(occ.occurrenceId);
    this.event('submitted', now, {
      key: `submitted/${input.submissionId}`,
      occurrenceId: occ.occurrenceId,
      organizationId: part.organizationId,
      actor: input.actor,
    });
    this.queue(
      'evidence-submitted',
      `s${part.submissions.length}`,
      now,
      this.recipients(['curator']),
      occ,
      part,
      {
        submittedBy: this.personName(input.actor.onBehalfOf ?? input.actor.userId),
        comment: input.comment,
      },
    );
    return this.occurrenceResult(occ);
  }

  checkReview(input: ReviewInput, now: number): { occ: OccurrenceState; part: PartState } | 'duplicate' {
    if (!input?.reviewId) fail('validation', 'review_id', 'Не указан идентификатор решения');
    if (this.state.appliedIds.includes(input.reviewId)) return 'duplicate';
    this.requireRunning();
    if (input.actor.role !== 'curator' && input.actor.role !== 'admin') {
      fail('forbidden', 'not_curator', 'Решение по отчёту принимает куратор');
    }
    if (input.decision !== 'approve' && input.decision !== 'return') {
      fail('validation', 'decision', 'Решение должно быть approve или return');
    }
    const occ = this.requireOccurrence(input.occurrenceId);
    const part = input.organizationId ? this.requirePart(occ, input.organizationId) : leadOf(occ);
    if (part.status !== 'submitted') {
      fail('conflict', 'occurrence_state', `Нельзя принять решение: статус «${STATUS_RU[part.status]}»`);
    }
    if (input.decision === 'return') {
      if (!input.comment?.trim()) fail('validation', 'comment_required', 'Укажите, что нужно доработать');
      if (input.reworkDue !== undefined) {
        if (!isIsoDate(input.reworkDue))
          fail('validation', 'bad_date', 'Срок доработки должен быть датой ГГГГ-ММ-ДД');
        if (input.reworkDue < localDate(now, this.input.tz)) {
          fail('validation', 'bad_date', 'Срок доработки не может быть в прошлом');
        }
      }
    }
    return { occ, part };
  }

  review(input: ReviewInput, now: number): OccurrenceResult {
    const checked = this.checkReview(input, now);
    if (checked === 'duplicate') return this.occurrenceResultFor(input.occurrenceId);
    const { occ, part } = checked;
    const today = localDate(now, this.input.tz);
    this.applied(input.reviewId);
    const eventBase = {
      occurrenceId: occ.occurrenceId,
      organizationId: part.organizationId,
      actor: input.actor,
    };
    if (input.decision === 'approve') {
      part.status = 'approved';
      part.late = isLate(occ, part);
      part.reviews.push({
        reviewId: input.reviewId,
        by: input.actor.userId,
        at: iso(now),
        decision: 'approve',
        ...optional('comment', input.comment),
      });
      if (part.lead) {
        occ.outcome = part.late ? 'выполнено с нарушением срока' : 'выполнено';
        const reason = input.outcomeReason?.trim() || (part.late ? input.comment?.trim() : undefined);
        if (reason) occ.outcomeReason = reason;
        occ.closedAt = iso(now);
        for (const p of occ.parts)
          if (p !== part && !['approved', 'cancelled'].includes(p.status)) p.status = 'missed';
        this.closedSinceStart = true;
      }
      this.event('approved', now, {
        key: `review/${input.reviewId}`,
        ...eventBase,
        after: { outcome: occ.outcome, late: part.late },
      });
      this.queue(
        'approved',
        `v${part.reviews.length}`,
        now,
        this.recipients(['executor'], part.organizationId),
        occ,
        part,
        {
          outcome: part.late ? 'выполнено с нарушением срока' : 'выполнено',
          comment: input.comment,
        },
      );
    } else {
      const reworkDue =
        input.reworkDue ?? addWorkingDays(this.ctx.calendar!, today, this.policy.reworkWorkingDays);
      part.status = 'returned';
      part.reworkDue = reworkDue;
      part.round++;
      rearm(part, now);
      part.reviews.push({
        reviewId: input.reviewId,
        by: input.actor.userId,
        at: iso(now),
        decision: 'return',
        comment: input.comment,
        reworkDue,
      });
      this.event('returned', now, {
        key: `review/${input.reviewId}`,
        ...eventBase,
        after: { reworkDue, comment: input.comment },
      });
      this.queue(
        'returned',
        `v${part.reviews.length}`,
        now,
        this.recipients(['executor'], part.organizationId),
        occ,
        part,
        {
          comment: input.comment,
          reworkDue,
        },
      );
    }
    this.refreshPart(occ, part, now);
    this.deriveOccurrence(occ);
    this.dirty.add(occ.occurrenceId);
    return this.occurrenceResult(occ);
  }

  // -------------------------------------------------------------------------------------------------------
  // Changes while running
  // -------------------------------------------------------------------------------------------------------

  checkChangeDeadline(input: ChangeDeadlineInput): { occ: OccurrenceState; part?: PartState } {
    this.requireRunning();
    if (!isIsoDate(input?.due)) fail('validation', 'bad_date', 'Новый срок должен быть датой ГГГГ-ММ-ДД');
    const occ = this.requireOccurrence(input.occurrenceId);
    if (!input.organizationId) return { occ };
    const part = this.requirePart(occ, input.organizationId);
    if (part.status !== 'returned') {
      fail('conflict', 'occurrence_state', 'Срок доработки можно перенести только для возвращённого отчёта');
    }
    return { occ, part };
  }

  changeDeadline(input: ChangeDeadlineInput, now: number): OccurrenceResult {
    const { occ, part } = this.checkChangeDeadline(input);
    const level = `c${++this.state.changes}`;
    const affected: PartState[] = [];
    let before: string;
    if (part) {
      before = part.reworkDue!;
      part.reworkDue = input.due;
      affected.push(part);
    } else {
      before = occ.due;
      occ.due = input.due;
      for (const p of occ.parts) if (p.status !== 'returned') affected.push(p);
    }
    for (const p of affected) {
      rearm(p, now);
      this.refreshPart(occ, p, now);
      if (isActionable(p) || p.status === 'planned') {
        this.queue('deadline-changed', level, now, this.recipients(['executor'], p.organizationId), occ, p, {
          previousDue: before,
          reason: input.reason,
        });
      }
    }
    this.deriveOccurrence(occ);
    this.dirty.add(occ.occurrenceId);
    this.event('deadline-changed', now, {
      key: `change/${level}`,
      occurrenceId: occ.occurrenceId,
      organizationId: part?.organizationId,
      actor: input.actor,
      before: { due: before },
      after: { due: input.due, reason: input.reason },
    });
    return this.occurrenceResult(occ);
  }

  checkReassign(input: ReassignExecutorInput): OrganizationPart {
    this.requireRunning();
    const org = this.participants.organizations.find((o) => o.organizationId === input?.organizationId);
    if (!org) return fail('not_found', 'organization', 'Организация не участвует в мероприятии');
    for (const p of [...(input.executors ?? []), ...(input.heads ?? [])]) {
      if (!p?.userId || !p.email) fail('validation', 'person', 'У исполнителя должны быть userId и email');
    }
    return org;
  }

  reassign(input: ReassignExecutorInput, now: number): void {
    const org = this.checkReassign(input);
    const level = `c${++this.state.changes}`;
    const previous = new Set(org.executors.map((p) => p.userId));
    const before = { executors: org.executors.map((p) => p.userId), heads: org.heads.map((p) => p.userId) };
    org.executors = input.executors;
    if (input.heads) org.heads = input.heads;
    const newcomers = input.executors.filter((p) => !previous.has(p.userId));
    const next = this.active()
      .map((occ) => ({ occ, part: occ.parts.find((p) => p.organizationId === org.organizationId) }))
      .filter(
        (x): x is { occ: OccurrenceState; part: PartState } =>
          !!x.part && (isActionable(x.part) || x.part.status === 'planned'),
      )
      .sort((a, b) => a.part.due.localeCompare(b.part.due))[0];
    if (next && newcomers.length > 0) {
      this.queue(
        'assigned',
        level,
        now,
        newcomers.map((p) => ({ ...p, role: 'executor' as const })),
        next.occ,
        next.part,
        {},
      );
    }
    this.event('reassigned', now, {
      key: `change/${level}`,
      organizationId: org.organizationId,
      actor: input.actor,
      before,
      after: { executors: org.executors.map((p) => p.userId), heads: org.heads.map((p) => p.userId) },
    });
    this.statusDirty = true;
  }

  checkCorrectTerm(input: CorrectTermInput): void {
    this.requireRunning();
    if (!input?.termKind) fail('validation', 'term_kind', 'Не указан вид срока');
    validateOccurrences(input.occurrences ?? []);
  }

  correctTerm(input: CorrectTermInput, now: number): void {
    this.checkCorrectTerm(input);
    const before = { termKind: this.input.termKind, due: this.active().map((o) => o.due) };
    const keep = new Set(input.occurrences.map((o) => o.occurrenceId));
    for (const occ of this.active()) {
      if (!keep.has(occ.occurrenceId)) this.cancelOccurrence(occ, now);
    }
    this.merge(input.occurrences, now);
    this.input = {
      ...this.input,
      termKind: input.termKind,
      externalSource: input.externalSource ?? this.input.externalSource,
    };
    this.state.externalDatesSet = input.termKind !== 'external' || input.occurrences.length > 0;
    this.statusDirty = true;
    this.event('term-corrected', now, {
      key: `change/c${++this.state.changes}`,
      actor: input.actor,
      before,
      after: { termKind: input.termKind, due: input.occurrences.map((o) => o.due) },
    });
  }

  checkSetExternalDates(input: SetExternalDatesInput): void {
    this.requireRunning();
    if (!input?.occurrences?.length) fail('validation', 'occurrences', 'Укажите хотя бы одну дату');
    validateOccurrences(input.occurrences);
  }

  setExternalDates(input: SetExternalDatesInput, now: number): void {
    this.checkSetExternalDates(input);
    this.merge(input.occurrences, now);
    this.state.externalDatesSet = true;
    this.statusDirty = true;
    this.event('external-dates-set', now, {
      key: `change/c${++this.state.changes}`,
      actor: input.actor,
      after: { due: input.occurrences.map((o) => o.due) },
    });
  }

  cancel(input: CancelActivityInput, now: number): void {
    if (this.status !== 'running') return;
    for (const occ of this.active()) {
      for (const part of occ.parts) {
        if (isActionable(part) || part.status === 'submitted' || part.status === 'planned') {
          this.queue(
            'cancelled',
            'cancel',
            now,
            this.recipients(['executor'], part.organizationId),
            occ,
            part,
            {
              reason: input?.reason,
            },
          );
        }
      }
      this.cancelOccurrence(occ, now);
    }
    this.status = 'cancelled';
    this.statusDirty = true;
    this.event('cancelled', now, { key: 'cancelled', actor: input?.actor, after: { reason: input?.reason } });
  }

  close(input: CloseRoadmapInput, now: number): void {
    if (this.status !== 'running') return;
    for (const occ of this.active()) {
      if (occ.overdue && leadOf(occ).status !== 'submitted') {
        occ.outcome = 'не выполнено';
        occ.outcomeReason = 'Дорожная карта закрыта до выполнения';
      }
      this.cancelOccurrence(occ, now);
    }
    this.status = 'closed';
    this.statusDirty = true;
    this.event('closed', now, { key: 'closed', actor: input?.actor });
  }

  // -------------------------------------------------------------------------------------------------------
  // Views, projection, continue-as-new
  // -------------------------------------------------------------------------------------------------------

  occurrenceResult(occ: OccurrenceState): OccurrenceResult {
    return { ...occ, plan: occ.parts.flatMap((p) => planFor(occ, p, this.ctx)) };
  }

  private occurrenceResultFor(occurrenceId: string): OccurrenceResult {
    const occ = this.state.occurrences.find((o) => o.occurrenceId === occurrenceId);
    if (!occ) return fail('not_found', 'occurrence', 'Срок не найден');
    return this.occurrenceResult(occ);
  }

  view(): ActivityWorkflowState {
    return {
      roadmapId: this.input.roadmapId,
      activityId: this.input.activityId,
      status: this.status,
      termKind: this.input.termKind,
      waitingForExternalDates: this.waitingForExternalDates,
      participants: this.participants,
      occurrences: this.state.occurrences.map((o) => this.occurrenceResult(o)),
      closedOccurrenceIds: this.state.closedIds,
      policy: this.policy,
    };
  }

  /** Whether the projection has something to write. */
  get hasProjection(): boolean {
    return this.dirty.size > 0 || this.events.length > 0 || this.statusDirty;
  }

  /** Takes what changed since the last call, as one projection write. */
  takeProjection(now: number) {
    const ids = [...this.dirty];
    this.dirty.clear();
    const events = this.events;
    this.events = [];
    this.statusDirty = false;
    return {
      workflowId: this.workflowId,
      roadmapId: this.input.roadmapId,
      activityId: this.input.activityId,
      seq: ++this.state.seq,
      at: iso(now),
      status: this.status,
      waitingForExternalDates: this.waitingForExternalDates,
      occurrences: ids
        .map((id) => this.state.occurrences.find((o) => o.occurrenceId === id))
        .filter((o): o is OccurrenceState => !!o)
        .map((o) => this.occurrenceResult(o)),
      events,
    };
  }

  takeOutbox(): OutgoingMessage[] {
    const out = this.outbox;
    this.outbox = [];
    return out;
  }

  /** The input of the next run: closed occurrences leave the state (they are projected), the rest is carried. */
  continueAsNewInput(): ActivityWorkflowInput {
    const closed = this.state.occurrences.filter(isClosed);
    const carried: CarriedState = {
      ...this.state,
      occurrences: this.state.occurrences.filter((o) => !isClosed(o)),
      closedIds: [...this.state.closedIds, ...closed.map((o) => o.occurrenceId)],
    };
    // The launch list is in the carried state now; sending it again would only grow every run's input.
    return { ...this.input, occurrences: [], carried };
  }

  // -------------------------------------------------------------------------------------------------------
  // Helpers
  // -------------------------------------------------------------------------------------------------------

  private addOccurrence(o: OccurrenceInput, now: number): OccurrenceState {
    const occ: OccurrenceState = {
      occurrenceId: o.occurrenceId,
      kind: o.kind,
      ...optional('label', o.label),
      start: o.start,
      baselineDue: o.due,
      due: o.due,
      status: 'planned',
      overdue: false,
      escalationLevel: 0,
      parts: this.participants.organizations.map((org) => ({
        organizationId: org.organizationId,
        lead: org.lead,
        status: 'planned',
        due: o.due,
        reworkDue: null,
        firstSubmittedOn: null,
        lastSubmittedOn: null,
        overdue: false,
        escalationLevel: 0,
        armedAt: iso(now),
        round: 0,
        epoch: 0,
        late: false,
        submissions: [],
        reviews: [],
        steps: [],
      })),
    };
    this.state.occurrences.push(occ);
    this.state.occurrences.sort((a, b) => a.due.localeCompare(b.due));
    this.dirty.add(occ.occurrenceId);
    return occ;
  }

  /** Adds new occurrences and moves the dates of known unfinished ones; closed ones are left alone. */
  private merge(occurrences: OccurrenceInput[], now: number): void {
    for (const o of sortByDue(occurrences)) {
      if (this.state.closedIds.includes(o.occurrenceId)) continue;
      const occ = this.state.occurrences.find((x) => x.occurrenceId === o.occurrenceId);
      if (!occ) {
        this.addOccurrence(o, now);
        continue;
      }
      if (isClosed(occ)) continue;
      occ.start = o.start;
      occ.kind = o.kind;
      if (o.label) occ.label = o.label;
      if (occ.due !== o.due) {
        occ.due = o.due;
        for (const p of occ.parts) if (p.status !== 'returned') rearm(p, now);
      }
      for (const p of occ.parts) this.refreshPart(occ, p, now);
      this.deriveOccurrence(occ);
      this.dirty.add(occ.occurrenceId);
    }
    this.state.occurrences.sort((a, b) => a.due.localeCompare(b.due));
  }

  private cancelOccurrence(occ: OccurrenceState, now: number): void {
    for (const p of occ.parts) {
      if (p.status !== 'approved') p.status = 'cancelled';
      p.overdue = false;
    }
    occ.status = 'cancelled';
    occ.overdue = false;
    occ.closedAt = iso(now);
    this.closedSinceStart = true;
    this.dirty.add(occ.occurrenceId);
  }

  private requireRunning(): void {
    if (this.status === 'cancelled') fail('conflict', 'activity_cancelled', 'Мероприятие отменено');
    if (this.status === 'closed') fail('conflict', 'roadmap_closed', 'Дорожная карта закрыта');
  }

  private requireOccurrence(occurrenceId: string): OccurrenceState {
    const occ = this.state.occurrences.find((o) => o.occurrenceId === occurrenceId);
    if (!occ && this.state.closedIds.includes(occurrenceId)) {
      return fail('conflict', 'occurrence_closed', 'Срок уже закрыт');
    }
    if (!occ) return fail('not_found', 'occurrence', 'Срок не найден в мероприятии');
    if (isClosed(occ)) fail('conflict', 'occurrence_closed', `Срок уже закрыт (${STATUS_RU[occ.status]})`);
    return occ;
  }

  private requirePart(occ: OccurrenceState, organizationId: string): PartState {
    const part = occ.parts.find((p) => p.organizationId === organizationId);
    if (!part) return fail('not_found', 'organization', 'Организация не участвует в мероприятии');
    return part;
  }

  /** The part an actor acts for: the named one, or the only one the actor belongs to. */
  private resolvePart(occ: OccurrenceState, organizationId: string | undefined, actor: Actor): PartState {
    if (!actor?.userId) fail('validation', 'actor', 'Не указан пользователь');
    if (organizationId) return this.requirePart(occ, organizationId);
    if (occ.parts.length === 1) return occ.parts[0];
    const mine = occ.parts.filter((p) => this.isMember(p.organizationId, actor));
    if (mine.length === 1) return mine[0];
    if (mine.length === 0 && actor.role === 'admin') return leadOf(occ);
    return fail('validation', 'organization_required', 'Укажите организацию, за которую отправляется отчёт');
  }

  private isMember(organizationId: string, actor: Actor): boolean {
    const org = this.participants.organizations.find((o) => o.organizationId === organizationId);
    if (!org) return false;
    const ids = new Set([...org.executors, ...org.heads].map((p) => p.userId));
    return ids.has(actor.userId) || (!!actor.onBehalfOf && ids.has(actor.onBehalfOf));
  }

  private personName(userId: string): string {
    for (const org of this.participants.organizations) {
      const p = [...org.executors, ...org.heads].find((x) => x.userId === userId);
      if (p) return p.name;
    }
    return userId;
  }

  private recipients(roles: RecipientRole[], organizationId?: string): Recipient[] {
    const org = this.participants.organizations.find((o) => o.organizationId === organizationId);
    const out: Recipient[] = [];
    const seen = new Set<string>();
    const add = (people: { userId: string; email: string; name: string }[], role: RecipientRole) => {
      for (const p of people) {
        if (seen.has(p.userId)) continue;
        seen.add(p.userId);
        out.push({ userId: p.userId, email: p.email, name: p.name, role });
      }
    };
    for (const role of roles) {
      if (role === 'executor' && org) add(org.executors, 'executor');
      if (role === 'head' && org) add(org.heads, 'head');
      if (role === 'curator') add(this.participants.curators, 'curator');
    }
    return out;
  }

  private queue(
    kind: NotificationKind,
    level: string,
    at: number,
    to: Recipient[],
    occ: OccurrenceState | undefined,
    part: PartState | undefined,
    extra: Partial<NotificationContext>,
  ): void {
    const org = part && this.participants.organizations.find((o) => o.organizationId === part.organizationId);
    const context: NotificationContext = {
      roadmapId: this.input.roadmapId,
      activityId: this.input.activityId,
      ...optional('activityNumber', this.input.number),
      activityTitle: this.input.title,
      tz: this.input.tz,
      ...(occ
        ? {
            occurrenceId: occ.occurrenceId,
            occurrenceKind: occ.kind,
            ...optional('occurrenceLabel', occ.label),
            due: part ? effectiveDue(occ, part) : occ.due,
          }
        : {}),
      ...optional('organizationName', org?.name),
    };
    for (const [k, v] of Object.entries(extra))
      if (v !== undefined) (context as unknown as Record<string, unknown>)[k] = v;
    for (const r of to) {
      this.outbox.push({
        key: [
          this.workflowId,
          occ?.occurrenceId ?? '-',
          part?.organizationId ?? '-',
          kind,
          level,
          r.userId,
        ].join('|'),
        kind,
        level,
        scheduledFor: iso(at),
        to: r,
        context,
      });
    }
  }

  private event(type: EngineEvent['type'], now: number, e: Omit<EngineEvent, 'type' | 'at'>): void {
    this.events.push({ type, at: iso(now), ...e, key: `${this.workflowId}/${e.key}` });
  }

  private applied(id: string): void {
    this.state.appliedIds.push(id);
    if (this.state.appliedIds.length > APPLIED_IDS_KEPT)
      this.state.appliedIds.splice(0, this.state.appliedIds.length - APPLIED_IDS_KEPT);
  }
}

// ---------------------------------------------------------------------------------------------------------

const STATUS_RU: Record<string, string> = STATUS_LABELS;

function optional<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return (value === undefined || value === null || value === '' ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The date the part is held to changed: a new plan (fresh step levels) that starts now. */
function rearm(part: PartState, now: number): void {
  part.epoch++;
  part.armedAt = iso(now);
}

export function leadOf(occ: OccurrenceState): PartState {
  return occ.parts.find((p) => p.lead) ?? occ.parts[0];
}

/** libs/domain `isLate`: the first report after the due date, or the rework after its own date. */
function isLate(occ: OccurrenceState, part: PartState): boolean {
  if (!part.firstSubmittedOn) return true;
  if (part.firstSubmittedOn > occ.due) return true;
  return !!(part.reworkDue && part.lastSubmittedOn && part.lastSubmittedOn > part.reworkDue);
}

function sortByDue(occurrences: OccurrenceInput[]): OccurrenceInput[] {
  return [...occurrences].sort((a, b) => a.due.localeCompare(b.due));
}

/** Exactly one lead; a part for every organization, and one placeholder part if none was named. */
export function normalizeParticipants(p: Participants): Participants {
  const organizations = (p?.organizations ?? []).map((o) => ({
    ...o,
    executors: o.executors ?? [],
    heads: o.heads ?? [],
  }));
  if (organizations.length === 0)
    organizations.push({ organizationId: '-', name: '', lead: true, executors: [], heads: [] });
  const leadIndex = Math.max(
    0,
    organizations.findIndex((o) => o.lead),
  );
  organizations.forEach((o, i) => (o.lead = i === leadIndex));
  return { organizations, curators: p?.curators ?? [] };
}

function validateOccurrences(occurrences: OccurrenceInput[]): void {
  const ids = new Set<string>();
  for (const o of occurrences) {
    if (!o?.occurrenceId) fail('validation', 'occurrence_id', 'У срока нет идентификатора');
    if (ids.has(o.occurrenceId))
      fail('validation', 'occurrence_id', `Повтор идентификатора срока ${o.occurrenceId}`);
    ids.add(o.occurrenceId);
    if (!isIsoDate(o.due))
      fail('validation', 'bad_date', `Срок ${o.occurrenceId}: дата ${o.due} не в формате ГГГГ-ММ-ДД`);
    if (o.start !== null && o.start !== undefined && !isIsoDate(o.start)) {
      fail('validation', 'bad_date', `Срок ${o.occurrenceId}: начало ${o.start} не в формате ГГГГ-ММ-ДД`);
    }
    if (o.start && o.start > o.due)
      fail('validation', 'bad_date', `Срок ${o.occurrenceId}: начало позже окончания`);
    if (o.kind !== 'deadline' && o.kind !== 'checkpoint')
      fail('validation', 'kind', `Срок ${o.occurrenceId}: вид ${o.kind}`);
  }
}
