import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  approve,
  assert,
  assertActive,
  canRequestDeadlineChange,
  canReview,
  changeDue,
  conflict,
  invalid,
  notFound,
  returnForRework,
} from '@karta/domain';
import { DeadlineChange, Occurrence, ProjectionRepository, Review } from '@karta/persistence';
import type {
  Actor,
  ChangeDeadlineInput,
  OccurrenceResult,
  ReviewInput,
} from '../../../../workflows/src/messages';
import { AccessService } from '../common/access.service';
import { AuditService } from '../common/audit.service';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { CommandDispatcher } from '../temporal/command-dispatcher';
import { EvidenceService, UploadedEvidenceFile } from './evidence.service';
import { ApproveDto, DeadlineChangeRequestDto, PastDueDecisionDto, ReturnDto } from './occurrence.dto';
import { OccurrenceContext, OccurrenceContextLoader } from './occurrence-context';
import { answer } from './workflow-actions';

/** The curator's side: approve / return, deadline changes, and decisions on items past due at launch. */
@Injectable()
export class ReviewService implements OnModuleInit {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly contexts: OccurrenceContextLoader,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly dispatcher: CommandDispatcher,
    private readonly evidence: EvidenceService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register('review', {
      accepted: async (tx, command, result) => {
        await tx.update(
          Review,
          { id: command.subject!.split(':')[1], state: 'pending' },
          { state: 'accepted' },
        );
        if (result) await new ProjectionRepository(tx).applyOccurrence(result as OccurrenceResult, null);
      },
      rejected: async (tx, command, reason) => {
        await tx.update(
          Review,
          { id: command.subject!.split(':')[1], state: 'pending' },
          { state: 'rejected', stateReason: reason },
        );
      },
    });
    this.dispatcher.register('deadline', {
      accepted: async (tx, command, result) => {
        const [, id, decidedById] = command.subject!.split(':');
        await tx.update(
          DeadlineChange,
          { id, status: 'requested' },
          { status: 'approved', decidedById, decidedAt: new Date() },
        );
        if (result) await new ProjectionRepository(tx).applyOccurrence(result as OccurrenceResult, null);
      },
      rejected: async (tx, command, reason) => {
        const [, id, decidedById] = command.subject!.split(':');
        await tx.update(
          DeadlineChange,
          { id, status: 'requested' },
          {
            status: 'refused',
            decidedById,
            decidedAt: new Date(),
            decisionComment: `Процесс мероприятия отклонил перенос: ${reason}`,
          },
        );
      },
    });
  }

  private async reviewer(user: AuthUser, ctx: OccurrenceContext) {
    const onBehalfOf = this.access.actingFor(ctx.scope, (s) => canReview(s, ctx.where));
    assert(onBehalfOf !== undefined, 'Решение по отчёту принимает куратор министерства этого региона');
    const actor: Actor = {
      userId: user.id,
      role: ctx.scope.own.admin ? 'admin' : 'curator',
      ...(onBehalfOf ? { onBehalfOf } : {}),
    };
    return { onBehalfOf: onBehalfOf ?? null, actor };
  }

  async approve(user: AuthUser, id: string, dto: ApproveDto) {
    const ctx = await this.contexts.load(user, id);
    const { actor, onBehalfOf } = await this.reviewer(user, ctx);
    assertActive(ctx.roadmap.status);
    const patch = approve(ctx.occurrence, dto.outcomeReason ?? dto.comment ?? null);
    return this.decide(user, ctx, actor, onBehalfOf, {
      decision: 'approve',
      comment: dto.comment?.trim() || undefined,
      outcomeReason: patch.outcomeReason ?? undefined,
    });
  }

  async return(user: AuthUser, id: string, dto: ReturnDto) {
    const ctx = await this.contexts.load(user, id);
    const { actor, onBehalfOf } = await this.reviewer(user, ctx);
    assertActive(ctx.roadmap.status);
    const today = this.clock.today(ctx.region.tz);
    if (dto.reworkDue && dto.reworkDue < today)
      throw invalid('bad_date', 'Срок доработки не может быть в прошлом', { field: 'reworkDue' });
    returnForRework(ctx.occurrence, dto.comment, dto.reworkDue ?? today);
    return this.decide(user, ctx, actor, onBehalfOf, {
      decision: 'return',
      comment: dto.comment.trim(),
      reworkDue: dto.reworkDue,
    });
  }

  private async decide(
    user: AuthUser,
    ctx: OccurrenceContext,
    actor: Actor,
    onBehalfOf: string | null,
    d: { decision: 'approve' | 'return'; comment?: string; outcomeReason?: string; reworkDue?: string },
  ) {
    const reviewId = randomUUID();
    await this.manager.transaction(async (tx) => {
      const [latest] = await tx.query(
        `SELECT id FROM evidence WHERE occurrence_id = $1 AND state = 'accepted' ORDER BY version DESC LIMIT 1`,
        [ctx.occurrence.id],
      );
      await tx.insert(Review, {
        id: reviewId,
        occurrenceId: ctx.occurrence.id,
        evidenceId: latest?.id ?? null,
        organizationId: null,
        decision: d.decision,
        comment: d.comment ?? null,
        reworkDue: d.reworkDue ?? null,
        outcomeReason: d.outcomeReason ?? null,
        reviewerId: user.id,
        onBehalfOfId: onBehalfOf,
        state: 'pending',
      });
      const payload: ReviewInput = {
        occurrenceId: ctx.occurrence.id,
        reviewId,
        actor,
        decision: d.decision,
        ...(d.comment ? { comment: d.comment } : {}),
        ...(d.outcomeReason ? { outcomeReason: d.outcomeReason } : {}),
        ...(d.reworkDue ? { reworkDue: d.reworkDue } : {}),
      };
      await this.dispatcher.enqueue(tx, {
        id: reviewId,
        workflowId: ctx.activity.workflowId!,
        name: 'review',
        payload,
        subject: `review:${reviewId}`,
      });
      await this.audit.record(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf,
          action: `review.${d.decision}`,
          entityType: 'review',
          entityId: reviewId,
          regionId: ctx.roadmap.regionId,
          before: { status: ctx.occurrence.status },
          after: { occurrenceId: ctx.occurrence.id, ...d },
        },
        tx,
      );
    });
    const outcome = await this.dispatcher.deliver(reviewId);
    const o = await this.manager.findOneByOrFail(Occurrence, { id: ctx.occurrence.id });
    return answer(
      outcome,
      {
        id: reviewId,
        decision: d.decision,
        occurrence: {
          id: o.id,
          status: o.status,
          due: o.due,
          reworkDue: o.reworkDue,
          outcome: o.outcome,
          outcomeReason: o.outcomeReason,
        },
      },
      d.decision === 'approve' ? 'Отчёт не принят' : 'Отчёт не возвращён',
    );
  }

  async requestDeadlineChange(user: AuthUser, id: string, dto: DeadlineChangeRequestDto) {
    const ctx = await this.contexts.load(user, id);
    const onBehalfOf = this.access.actingFor(ctx.scope, (s) => canRequestDeadlineChange(s, ctx.where));
    assert(onBehalfOf !== undefined, 'Перенос срока может запросить исполнитель, руководитель или куратор');
    assertActive(ctx.roadmap.status);
    changeDue(ctx.occurrence, dto.proposedDue);
    if (dto.proposedDue === ctx.occurrence.due)
      throw invalid('same_due', 'Новый срок совпадает с текущим', { field: 'proposedDue' });
    const open = await this.manager.count(DeadlineChange, {
      where: { occurrenceId: id, status: 'requested' },
    });
    if (open) throw conflict('change_pending', 'Запрос на перенос этого срока уже ожидает решения');
    return this.manager.transaction(async (tx) => {
      const change = await tx.save(
        tx.create(DeadlineChange, {
          occurrenceId: id,
          requestedById: user.id,
          currentDue: ctx.occurrence.due,
          proposedDue: dto.proposedDue,
          reason: dto.reason.trim(),
          status: 'requested',
        }),
      );
      await this.audit.record(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf,
          action: 'deadline_change.requested',
          entityType: 'deadline_change',
          entityId: change.id,
          regionId: ctx.roadmap.regionId,
          after: {
            occurrenceId: id,
            currentDue: change.currentDue,
            proposedDue: change.proposedDue,
            reason: change.reason,
          },
        },
        tx,
      );
      return {
        id: change.id,
        occurrenceId: id,
        currentDue: change.currentDue,
        proposedDue: change.proposedDue,
        reason: change.reason,
        status: change.status,
      };
    });
  }

  private async change(user: AuthUser, changeId: string) {
    const change = await this.manager.findOne(DeadlineChange, { where: { id: changeId } });
    if (!change) throw notFound('change_not_found', 'Запрос на перенос срока не найден');
    const ctx = await this.contexts.load(user, change.occurrenceId);
    const { actor, onBehalfOf } = await this.reviewer(user, ctx);
    if (change.status !== 'requested')
      throw conflict('change_decided', 'По этому запросу уже принято решение');
    return { change, ctx, actor, onBehalfOf };
  }

  async approveDeadlineChange(user: AuthUser, changeId: string, comment?: string) {
    const { change, ctx, actor, onBehalfOf } = await this.change(user, changeId);
    assertActive(ctx.roadmap.status);
    const commandId = randomUUID();
    await this.manager.transaction(async (tx) => {
      if (comment) await tx.update(DeadlineChange, { id: change.id }, { decisionComment: comment });
      const payload: ChangeDeadlineInput = {
        occurrenceId: change.occurrenceId,
        due: change.proposedDue,
        reason: change.reason,
        actor,
      };
      await this.dispatcher.enqueue(tx, {
        id: commandId,
        workflowId: ctx.activity.workflowId!,
        name: 'changeDeadline',
        payload,
        subject: `deadline:${change.id}:${user.id}`,
      });
      await this.audit.record(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf,
          action: 'deadline_change.approved',
          entityType: 'deadline_change',
          entityId: change.id,
          regionId: ctx.roadmap.regionId,
          before: { due: change.currentDue },
          after: { occurrenceId: change.occurrenceId, due: change.proposedDue, comment: comment ?? null },
        },
        tx,
      );
    });
    const outcome = await this.dispatcher.deliver(commandId);
    const saved = await this.manager.findOneByOrFail(DeadlineChange, { id: change.id });
    return answer(
      outcome,
      { id: saved.id, status: saved.status, occurrenceId: saved.occurrenceId, due: saved.proposedDue },
      'Перенос срока не применён',
    );
  }

  async refuseDeadlineChange(user: AuthUser, changeId: string, comment?: string) {
    const { change, ctx, onBehalfOf } = await this.change(user, changeId);
    await this.manager.transaction(async (tx) => {
      await tx.update(
        DeadlineChange,
        { id: change.id },
        { status: 'refused', decidedById: user.id, decidedAt: new Date(), decisionComment: comment ?? null },
      );
      await this.audit.record(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf,
          action: 'deadline_change.refused',
          entityType: 'deadline_change',
          entityId: change.id,
          regionId: ctx.roadmap.regionId,
          after: { occurrenceId: change.occurrenceId, comment: comment ?? null },
        },
        tx,
      );
    });
    return { id: change.id, status: 'refused' };
  }

  /**
   * An occurrence already past when the roadmap was launched: `overdue` keeps it running as overdue;
   * `replan` moves its due date (a deadline change the curator decides at once); `done` records the
   * evidence on the executors' behalf and approves it, with the reason reported beside the late outcome.
   */
  async pastDue(user: AuthUser, id: string, dto: PastDueDecisionDto, files?: UploadedEvidenceFile[]) {
    const ctx = await this.contexts.load(user, id);
    const { actor, onBehalfOf } = await this.reviewer(user, ctx);
    assertActive(ctx.roadmap.status);
    if (!ctx.occurrence.pastDueAtLaunch)
      throw conflict('not_past_due', 'Срок не был просрочен на момент запуска');
    const mark = async (decision: 'done' | 'replanned' | 'overdue') => {
      await this.manager.transaction(async (tx) => {
        await tx.update(Occurrence, { id }, { pastDueDecision: decision });
        await this.audit.record(
          {
            actorId: user.id,
            onBehalfOfId: onBehalfOf,
            action: 'occurrence.past_due_decision',
            entityType: 'occurrence',
            entityId: id,
            regionId: ctx.roadmap.regionId,
            before: { decision: ctx.occurrence.pastDueDecision },
            after: { decision, due: dto.due ?? null },
          },
          tx,
        );
      });
    };
    if (dto.decision === 'overdue') {
      await mark('overdue');
      return { id, decision: 'overdue' };
    }
    if (dto.decision === 'replan') {
      if (!dto.due) throw invalid('due_required', 'Укажите новый срок (due)', { field: 'due' });
      if (dto.due < this.clock.today(ctx.region.tz))
        throw invalid('bad_date', 'Новый срок не может быть в прошлом', { field: 'due' });
      const change = await this.manager.save(
        this.manager.create(DeadlineChange, {
          occurrenceId: id,
          requestedById: user.id,
          currentDue: ctx.occurrence.due,
          proposedDue: dto.due,
          reason: dto.comment?.trim() || 'Перепланировано при запуске дорожной карты',
          status: 'requested',
        }),
      );
      const result = await this.approveDeadlineChange(user, change.id, dto.comment);
      await mark('replanned');
      return { id, decision: 'replanned', due: result.due };
    }
    // done: the curator records the result for the lead organization's executors, then approves it.
    // Three steps (evidence, approval, decision); a retry after a crash between them resumes where it stopped.
    if (ctx.occurrence.status === 'approved') {
      await mark('done');
      return { id, decision: 'done', occurrence: (await this.contexts.load(user, id)).occurrence };
    }
    const lead = ctx.parts.find((p) => p.lead);
    const executor = ctx.executors.find((e) => e.organizationId === lead?.organizationId) ?? ctx.executors[0];
    if (!executor)
      throw conflict('no_executor', 'У мероприятия нет исполнителя, от имени которого записать отчёт');
    if (!dto.reason?.trim())
      throw invalid('reason_required', 'Срок прошёл до запуска: укажите причину для отчёта (reason)', {
        field: 'reason',
      });
    if (ctx.occurrence.status !== 'submitted') {
      await this.evidence.record(
        user,
        ctx,
        files,
        {
          comment: dto.comment,
          organizationId: lead?.organizationId,
          documentNumber: dto.documentNumber,
          documentDate: dto.documentDate,
        },
        { userId: user.id, role: actor.role, onBehalfOf: executor.userId },
        executor.userId,
      );
    }
    const fresh = await this.contexts.load(user, id);
    const approved = await this.decide(user, fresh, actor, onBehalfOf, {
      decision: 'approve',
      comment: dto.comment?.trim() || undefined,
      outcomeReason: dto.reason.trim(),
    });
    await mark('done');
    return { id, decision: 'done', occurrence: approved.occurrence };
  }
}
