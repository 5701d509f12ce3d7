import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import {
  assert,
  canManageRoadmaps,
  conflict,
  expectsDocumentDetails,
  invalid,
  isIsoDate,
  notFound,
} from '@karta/domain';
import { Activity, ActivityExecutor, ActivityPart, Occurrence, Region, Roadmap } from '@karta/persistence';
import {
  activityWorkflowId,
  ActivityWorkflowInput,
  CorrectTermInput,
  OccurrenceInput,
  PolicyInput,
  resolvePolicy,
} from '../../../../workflows/src/messages';
import { planCheckpoints } from '../../../../workflows/src/schedule';
import { AccessService } from '../common/access.service';
import { AuditService } from '../common/audit.service';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { CommandDispatcher } from '../temporal/command-dispatcher';
import { ParticipantsPlanner } from './participants';
import { RoadmapsService } from './roadmaps.service';

export interface PlannedOccurrence {
  start: string | null;
  due: string;
  kind: 'deadline' | 'checkpoint';
  label: string | null;
}

/**
 * Occurrences of an activity's term in the roadmap's period: dates for dated terms, checkpoints for continuous
 * ones. Checkpoints ask for progress from `today` on: a quarter that ended before the launch gets no report
 * request (dated deadlines already past are kept: the curator decides on each).
 */
export function planOccurrences(
  activity: Pick<Activity, 'term'>,
  period: { from: string; to: string },
  policy: PolicyInput,
  today: string,
): PlannedOccurrence[] {
  const term = activity.term;
  if (term.kind === 'continuous') {
    const start = term.window?.start ?? period.from;
    const end = term.window?.end ?? period.to;
    if (!start || !end || start > end) return [];
    const checkpoints = planCheckpoints({ start, end }, resolvePolicy(policy).checkpointCadence);
    return checkpoints
      .filter((c) => c.due >= today)
      .map((c) => ({
        start: c.start,
        due: c.due,
        kind: 'checkpoint',
        label: c.label,
      }));
  }
  if (term.kind === 'external') return [];
  return [...term.occurrences]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((o) => ({ start: o.start, due: o.due, kind: 'deadline', label: null }));
}

const CONCURRENT_STARTS = 8;

/** What a term correction changes in the projection once the workflow accepts it. */
interface TermApplication {
  activityId: string;
  raw: string;
  term: unknown;
  moved: Array<{ id: string; due: string; start: string | null; label: string | null }>;
  added: string[];
  dropped: string[];
}

/** Launch (one workflow per activity), the past-due list, external dates and closing a roadmap. */
@Injectable()
export class LaunchService implements OnModuleInit {
  private readonly logger = new Logger(LaunchService.name);

  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly roadmaps: RoadmapsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly dispatcher: CommandDispatcher,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register('activity', {
      accepted: async (tx, command) => {
        await tx.update(Activity, { id: command.subject!.split(':')[1] }, { workflowStartedAt: new Date() });
      },
      rejected: async (_tx, command, reason) => {
        this.logger.error({ workflowId: command.workflowId, reason }, 'workflow start refused');
      },
    });
    this.dispatcher.register('term', {
      // The new occurrences were inserted before sending; on acceptance the rest of the plan takes effect.
      accepted: async (tx, command) => {
        const plan = command.payload as CorrectTermInput & { apply: TermApplication };
        await tx.update(
          Activity,
          { id: plan.apply.activityId },
          {
            termRaw: plan.apply.raw,
            term: plan.apply.term as never,
            termKind: plan.termKind,
            termAccepted: true,
          },
        );
        // A corrected term is a corrected reading of the approved plan, so the baseline moves with it; an
        // approved deadline change (approveDeadlineChange) moves only `due` and keeps the baseline.
        for (const o of plan.apply.moved)
          await tx.update(
            Occurrence,
            { id: o.id },
            { due: o.due, baselineDue: o.due, start: o.start, label: o.label },
          );
        if (plan.apply.dropped.length)
          await tx.update(
            Occurrence,
            { id: In(plan.apply.dropped) },
            { status: 'cancelled', overdue: false },
          );
      },
      rejected: async (tx, command) => {
        const plan = command.payload as CorrectTermInput & { apply: TermApplication };
        if (plan.apply.added.length) await tx.delete(Occurrence, { id: In(plan.apply.added) });
      },
    });
    this.dispatcher.register('external', {
      accepted: async () => undefined,
      rejected: async (tx, command) => {
        const ids = (command.payload as { occurrences: OccurrenceInput[] }).occurrences.map(
          (o) => o.occurrenceId,
        );
        await tx.update(Occurrence, { id: In(ids), status: 'planned' }, { status: 'cancelled' });
      },
    });
  }

  /**
   * Launches a reviewed draft. Idempotent: a second call (or a call after a crash half-way through the
   * deliveries) only re-sends the starts still pending; workflow ids are deterministic, so nothing doubles.
   */
  async launch(user: AuthUser, id: string) {
    await this.manager.transaction(async (tx) => {
      const roadmap = await tx.findOne(Roadmap, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!roadmap) throw notFound('roadmap_not_found', 'Дорожная карта не найдена');
      await this.roadmaps.managed(user, id, tx);
      if (roadmap.status === 'closed')
        throw conflict('roadmap_closed', 'Дорожная карта закрыта: запуск невозможен');
      if (roadmap.status === 'active') return;

      const activities = await tx.find(Activity, { where: { roadmapId: id }, order: { ordinal: 'ASC' } });
      const assignments = await this.roadmaps.assignmentsOf(
        activities.map((a) => a.id),
        tx,
      );
      const blockers = await this.roadmaps.computeBlockers(roadmap, activities, assignments, tx);
      if (blockers.length) {
        throw conflict('launch_blocked', `Запуск невозможен: нерешённых вопросов — ${blockers.length}`, {
          blockers,
        });
      }
      const region = await tx.findOneByOrFail(Region, { id: roadmap.regionId });
      const today = this.clock.today(region.tz);
      const period = this.roadmaps.termContext(roadmap, region.tz);
      const planner = await ParticipantsPlanner.load(tx, roadmap.regionId);

      for (const activity of activities) {
        const parts = planner.parts(assignments.filter((s) => s.activityId === activity.id));
        await tx.insert(
          ActivityPart,
          parts.map((p) => ({ activityId: activity.id, organizationId: p.organizationId, lead: p.lead })),
        );
        const executors = parts.flatMap((p) =>
          p.executors.map((e) => ({
            activityId: activity.id,
            organizationId: p.organizationId,
            userId: e.userId,
            assignedById: user.id,
          })),
        );
        if (executors.length) await tx.insert(ActivityExecutor, executors);

        const planned = planOccurrences(activity, period, roadmap.policy as PolicyInput, today);
        const occurrences: OccurrenceInput[] = [];
        for (const [i, o] of planned.entries()) {
          const occurrenceId = randomUUID();
          const pastDue = o.due < today;
          await tx.insert(Occurrence, {
            id: occurrenceId,
            activityId: activity.id,
            roadmapId: id,
            regionId: roadmap.regionId,
            seq: i + 1,
            kind: o.kind,
            label: o.label,
            start: o.start,
            baselineDue: o.due,
            due: o.due,
            status: !o.start || o.start <= today ? 'open' : 'planned',
            overdue: pastDue,
            pastDueAtLaunch: pastDue,
            pastDueDecision: pastDue ? 'pending' : null,
          });
          occurrences.push({
            occurrenceId,
            start: o.start,
            due: o.due,
            kind: o.kind,
            ...(o.label ? { label: o.label } : {}),
          });
        }
        const workflowId = activityWorkflowId(activity.id);
        await tx.update(Activity, { id: activity.id }, { workflowId });
        const input: ActivityWorkflowInput = {
          roadmapId: id,
          activityId: activity.id,
          ...(activity.number ? { number: activity.number } : {}),
          title: activity.title,
          tz: region.tz,
          termKind: activity.term.kind,
          ...(activity.term.external ? { externalSource: activity.term.external } : {}),
          occurrences,
          participants: planner.participants(parts),
          policy: roadmap.policy as PolicyInput,
        };
        await this.dispatcher.enqueue(tx, {
          workflowId,
          name: 'start',
          payload: input,
          subject: `activity:${activity.id}`,
        });
      }
      await tx.update(
        Roadmap,
        { id },
        { status: 'active', launchedAt: new Date(), launchedById: user.id, launchDate: today },
      );
      await this.audit.record(
        {
          actorId: user.id,
          action: 'roadmap.launched',
          entityType: 'roadmap',
          entityId: id,
          regionId: roadmap.regionId,
          before: { status: 'draft' },
          after: { status: 'active', activities: activities.length, launchDate: today },
        },
        tx,
      );
    });
    await this.deliverStarts(id);
    return this.summary(user, id);
  }

  private async deliverStarts(roadmapId: string): Promise<void> {
    const pending: Array<{ id: string }> = await this.manager.query(
      `SELECT c.id FROM workflow_commands c JOIN activities a ON a.workflow_id = c.workflow_id
        WHERE a.roadmap_id = $1 AND c.kind = 'start' AND c.state = 'pending' ORDER BY a.ordinal`,
      [roadmapId],
    );
    const queue = pending.map((p) => p.id);
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENT_STARTS, queue.length) }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await this.dispatcher.deliver(next);
      }),
    );
  }

  async summary(user: AuthUser, id: string) {
    const roadmap = await this.roadmaps.managed(user, id);
    const [counts] = await this.manager.query(
      `SELECT (SELECT count(*) FROM activities WHERE roadmap_id = $1)::int AS activities,
              (SELECT count(*) FROM occurrences WHERE roadmap_id = $1)::int AS occurrences`,
      [id],
    );
    const commands: Array<{ state: string; n: number }> = await this.manager.query(
      `SELECT c.state, count(*)::int AS n FROM workflow_commands c JOIN activities a ON a.workflow_id = c.workflow_id
        WHERE a.roadmap_id = $1 AND c.kind = 'start' GROUP BY c.state`,
      [id],
    );
    const n = (state: string) => commands.find((c) => c.state === state)?.n ?? 0;
    return {
      id,
      status: roadmap.status,
      activities: counts.activities,
      occurrences: counts.occurrences,
      workflows: { started: n('delivered'), pending: n('pending'), failed: n('rejected') },
      pastDue: await this.pastDue(user, id),
    };
  }

  async pastDue(user: AuthUser, id: string) {
    await this.roadmaps.managed(user, id);
    const rows: Array<{
      id: string;
      activity_id: string;
      number: string | null;
      title: string;
      result: string | null;
      kind: string;
      due: string;
      past_due_decision: string | null;
      status: string;
    }> = await this.manager.query(
      `SELECT o.id, o.activity_id, a.number, a.title, a.result, o.kind, o.due::text AS due, o.past_due_decision, o.status
           FROM occurrences o JOIN activities a ON a.id = o.activity_id
          WHERE o.roadmap_id = $1 AND o.past_due_at_launch ORDER BY o.baseline_due, a.ordinal`,
      [id],
    );
    return rows.map((r) => ({
      occurrenceId: r.id,
      activityId: r.activity_id,
      number: r.number,
      title: r.title,
      due: r.due,
      status: r.status,
      decision: r.past_due_decision,
      // Marking it done then needs the order's or protocol's number and date.
      expectsDocument: r.kind === 'deadline' && expectsDocumentDetails(r.result),
    }));
  }

  /** Dates a curator enters for an external-schedule term (`по графику ФИОКО`). */
  async setExternalDates(
    user: AuthUser,
    activityId: string,
    dates: Array<{ start?: string; due: string; label?: string }>,
  ) {
    const activity = await this.manager.findOne(Activity, { where: { id: activityId } });
    if (!activity) throw notFound('activity_not_found', 'Мероприятие не найдено');
    const roadmap = await this.manager.findOneByOrFail(Roadmap, { id: activity.roadmapId });
    const scope = await this.access.scopeFor(user);
    assert(canManageRoadmaps(scope, roadmap.regionId), 'Даты вносит куратор региона');
    if (roadmap.status !== 'active' || !activity.workflowId)
      throw conflict('roadmap_not_active', 'Дорожная карта не запущена или уже закрыта');
    if (activity.cancelledAt) throw conflict('activity_cancelled', 'Мероприятие отменено');
    for (const d of dates) {
      if (!isIsoDate(d.due) || (d.start && !isIsoDate(d.start)))
        throw invalid('bad_date', 'Даты должны быть в формате ГГГГ-ММ-ДД', { field: 'occurrences' });
      if (d.start && d.start > d.due)
        throw invalid('bad_range', 'Начало позже срока', { field: 'occurrences' });
    }
    const commandId = randomUUID();
    const created = await this.manager.transaction(async (tx) => {
      const [{ max }] = await tx.query(
        `SELECT coalesce(max(seq), 0)::int AS max FROM occurrences WHERE activity_id = $1`,
        [activityId],
      );
      const inputs: OccurrenceInput[] = [];
      for (const [i, d] of [...dates].sort((a, b) => a.due.localeCompare(b.due)).entries()) {
        const occurrenceId = randomUUID();
        await tx.insert(Occurrence, {
          id: occurrenceId,
          activityId,
          roadmapId: roadmap.id,
          regionId: roadmap.regionId,
          seq: max + i + 1,
          kind: 'deadline',
          label: d.label ?? null,
          start: d.start ?? null,
          baselineDue: d.due,
          due: d.due,
          status: 'planned',
        });
        inputs.push({
          occurrenceId,
          start: d.start ?? null,
          due: d.due,
          kind: 'deadline',
          ...(d.label ? { label: d.label } : {}),
        });
      }
      await this.dispatcher.enqueue(tx, {
        id: commandId,
        workflowId: activity.workflowId!,
        name: 'setExternalDates',
        subject: `external:${activityId}`,
        payload: { occurrences: inputs, actor: { userId: user.id, role: scope.admin ? 'admin' : 'curator' } },
      });
      await this.audit.record(
        {
          actorId: user.id,
          action: 'activity.external_dates',
          entityType: 'activity',
          entityId: activityId,
          regionId: roadmap.regionId,
          after: dates,
        },
        tx,
      );
      return inputs;
    });
    const outcome = await this.dispatcher.deliver(commandId);
    if (outcome.state === 'rejected')
      throw conflict('workflow_rejected', `Процесс мероприятия отклонил даты: ${outcome.error}`);
    return {
      state: outcome.state,
      occurrences: created.map((o) => ({ id: o.occurrenceId, start: o.start, due: o.due })),
    };
  }

  private async activeActivity(user: AuthUser, activityId: string) {
    const activity = await this.manager.findOne(Activity, { where: { id: activityId } });
    if (!activity) throw notFound('activity_not_found', 'Мероприятие не найдено');
    const roadmap = await this.roadmaps.managed(user, activity.roadmapId);
    if (roadmap.status !== 'active' || !activity.workflowId)
      throw conflict('roadmap_not_active', 'Дорожная карта не запущена или уже закрыта');
    if (activity.cancelledAt) throw conflict('activity_cancelled', 'Мероприятие отменено');
    return { activity, roadmap };
  }

  /**
   * Corrects the term of a running activity: re-parsed, re-planned, and sent to its workflow, which moves
   * unfinished occurrences (same ids, new dates), adds new ones and cancels those no longer planned.
   */
  async correctTerm(user: AuthUser, activityId: string, rawTerm: string) {
    const { activity, roadmap } = await this.activeActivity(user, activityId);
    const region = await this.manager.findOneByOrFail(Region, { id: roadmap.regionId });
    const raw = rawTerm.replace(/\s+/gu, ' ').trim();
    const parsed = this.roadmaps.parseTerm(raw, roadmap, region.tz);
    if (parsed.kind === 'unknown')
      throw invalid('term_unknown', `Срок «${raw}» не распознан: уточните формулировку`, { field: 'term' });
    const planned = planOccurrences(
      { term: { ...parsed, raw } } as Activity,
      this.roadmaps.termContext(roadmap, region.tz),
      roadmap.policy as PolicyInput,
      this.clock.today(region.tz),
    );
    if (planned.length === 0 && parsed.kind !== 'external' && parsed.kind !== 'continuous') {
      throw invalid('term_outside_period', `Срок «${raw}» не даёт ни одной даты в периоде дорожной карты`, {
        field: 'term',
      });
    }
    const existing = await this.manager.find(Occurrence, { where: { activityId }, order: { seq: 'ASC' } });
    const unfinished = existing.filter((o) => !['approved', 'cancelled'].includes(o.status));
    const apply: TermApplication = {
      activityId,
      raw,
      term: { ...parsed, raw },
      moved: [],
      added: [],
      dropped: unfinished.slice(planned.length).map((o) => o.id),
    };
    const inputs: OccurrenceInput[] = [];
    const commandId = randomUUID();
    await this.manager.transaction(async (tx) => {
      let seq = existing.reduce((m, o) => Math.max(m, o.seq), 0);
      for (const [i, p] of planned.entries()) {
        const reuse = unfinished[i];
        const id = reuse?.id ?? randomUUID();
        if (reuse) apply.moved.push({ id, due: p.due, start: p.start, label: p.label });
        else {
          await tx.insert(Occurrence, {
            id,
            activityId,
            roadmapId: roadmap.id,
            regionId: roadmap.regionId,
            seq: ++seq,
            kind: p.kind,
            label: p.label,
            start: p.start,
            baselineDue: p.due,
            due: p.due,
            status: 'planned',
          });
          apply.added.push(id);
        }
        inputs.push({
          occurrenceId: id,
          start: p.start,
          due: p.due,
          kind: p.kind,
          ...(p.label ? { label: p.label } : {}),
        });
      }
      const payload: CorrectTermInput & { apply: TermApplication } = {
        termKind: parsed.kind,
        occurrences: inputs,
        ...(parsed.external ? { externalSource: parsed.external } : {}),
        actor: { userId: user.id, role: 'curator' },
        apply,
      };
      await this.dispatcher.enqueue(tx, {
        id: commandId,
        workflowId: activity.workflowId!,
        name: 'correctTerm',
        payload,
        subject: `term:${activityId}`,
      });
      await this.audit.record(
        {
          actorId: user.id,
          action: 'activity.term_corrected',
          entityType: 'activity',
          entityId: activityId,
          regionId: roadmap.regionId,
          before: { term: activity.termRaw },
          after: { term: raw, occurrences: inputs.length },
        },
        tx,
      );
    });
    const outcome = await this.dispatcher.deliver(commandId);
    if (outcome.state === 'rejected')
      throw conflict('workflow_rejected', `Процесс мероприятия отклонил исправление срока: ${outcome.error}`);
    return {
      state: outcome.state,
      term: { raw, kind: parsed.kind },
      occurrences: inputs.map((o) => ({ id: o.occurrenceId, start: o.start, due: o.due })),
      cancelled: apply.dropped,
    };
  }

  async cancelActivity(user: AuthUser, activityId: string, reason: string) {
    const { activity, roadmap } = await this.activeActivity(user, activityId);
    let commandId = '';
    await this.manager.transaction(async (tx) => {
      commandId = await this.dispatcher.enqueue(tx, {
        workflowId: activity.workflowId!,
        name: 'cancelActivity',
        payload: { reason, actor: { userId: user.id, role: 'curator' } },
      });
      await tx.update(Activity, { id: activityId }, { cancelledAt: new Date(), cancelReason: reason });
      await tx.query(
        `UPDATE occurrences SET status = 'cancelled', overdue = false WHERE activity_id = $1 AND status NOT IN ('approved', 'cancelled')`,
        [activityId],
      );
      await this.audit.record(
        {
          actorId: user.id,
          action: 'activity.cancelled',
          entityType: 'activity',
          entityId: activityId,
          regionId: roadmap.regionId,
          after: { reason },
        },
        tx,
      );
    });
    const outcome = await this.dispatcher.deliver(commandId);
    return { id: activityId, cancelled: true, delivery: outcome.state };
  }

  async close(user: AuthUser, id: string, reason?: string) {
    const roadmap = await this.roadmaps.managed(user, id);
    if (roadmap.status === 'draft')
      throw conflict('roadmap_not_active', 'Черновик не запущен: закрывать нечего');
    const commandIds: string[] = [];
    if (roadmap.status === 'active') {
      await this.manager.transaction(async (tx) => {
        const activities = await tx.find(Activity, { where: { roadmapId: id } });
        for (const a of activities.filter((x) => x.workflowId)) {
          commandIds.push(
            await this.dispatcher.enqueue(tx, {
              workflowId: a.workflowId!,
              name: 'closeRoadmap',
              payload: { actor: { userId: user.id, role: 'curator' } },
            }),
          );
        }
        await tx.update(Roadmap, { id }, { status: 'closed', closedAt: new Date() });
        await this.audit.record(
          {
            actorId: user.id,
            action: 'roadmap.closed',
            entityType: 'roadmap',
            entityId: id,
            regionId: roadmap.regionId,
            before: { status: 'active' },
            after: { status: 'closed', reason: reason ?? null },
          },
          tx,
        );
      });
    }
    for (const c of commandIds) await this.dispatcher.deliver(c);
    return { id, status: 'closed' };
  }
}
