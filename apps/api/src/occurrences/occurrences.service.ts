import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { assert, canWriteDelayNote, expectsDocumentDetails, isOverdue } from '@karta/domain';
import { Occurrence } from '@karta/persistence';
import { stateQuery } from '../../../../workflows/src/messages';
import { AccessService } from '../common/access.service';
import { AuditService } from '../common/audit.service';
import type { AuthUser } from '../common/auth-user';
import { Clock } from '../common/clock';
import { WorkflowGateway } from '../temporal/workflow-gateway';
import { OccurrenceContextLoader } from './occurrence-context';
import { TASK_COLUMNS, TaskRow, taskView } from './occurrence-views';

const STATE_QUERY_TIMEOUT_MS = 3_000;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw SQL rows, mapped field by field below

/** Reading occurrences: a person's tasks, one occurrence in full, its history; the head's delay note. */
@Injectable()
export class OccurrencesService {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly contexts: OccurrenceContextLoader,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly gateway: WorkflowGateway,
    private readonly clock: Clock,
  ) {}

  /** Open, due-soon, overdue and returned items of the executor (and of whoever he deputises for today). */
  async tasks(user: AuthUser, filter: 'active' | 'all' = 'active') {
    const scope = await this.access.scopeFor(user);
    const rows: TaskRow[] = await this.manager.query(
      `SELECT DISTINCT ON (o.due, o.id) ${TASK_COLUMNS}, org.name AS organization, e.organization_id
         FROM occurrences o
         JOIN activities a ON a.id = o.activity_id
         JOIN roadmaps r ON r.id = o.roadmap_id AND r.status = 'active'
         JOIN regions g ON g.id = r.region_id
         JOIN activity_executors e ON e.activity_id = o.activity_id AND e.user_id = ANY($1::uuid[])
         JOIN organizations org ON org.id = e.organization_id
        WHERE ($2 = 'all' OR o.status IN ('planned', 'open', 'submitted', 'returned'))
        ORDER BY o.due, o.id`,
      [[...scope.actingFor], filter],
    );
    const now = this.clock.now();
    return rows.map((r) => taskView(r, now));
  }

  async get(user: AuthUser, id: string) {
    const ctx = await this.contexts.load(user, id);
    const o = ctx.occurrence;
    const [partStates, reminders, evidence, files, reviews, changes]: Row[][] = await Promise.all([
      this.manager.query(
        `SELECT p.organization_id, p.lead, p.status, p.due::text AS due, p.rework_due::text AS rework_due, p.overdue, p.escalation_level, p.late
           FROM occurrence_parts p WHERE p.occurrence_id = $1`,
        [id],
      ),
      this.manager.query(
        `SELECT at, kind, level, recipients, state, sent, sent_at, organization_id FROM reminders WHERE occurrence_id = $1 ORDER BY at, kind, level`,
        [id],
      ),
      this.manager.query(
        `SELECT e.id, e.version, e.state, e.state_reason, e.comment, e.document_number, e.document_date::text AS document_date, e.organization_id,
                e.created_at, e.submitted_by_id, s.full_name AS submitted_by, e.on_behalf_of_id, b.full_name AS on_behalf_of
           FROM evidence e JOIN users s ON s.id = e.submitted_by_id LEFT JOIN users b ON b.id = e.on_behalf_of_id
          WHERE e.occurrence_id = $1 ORDER BY e.version DESC`,
        [id],
      ),
      this.manager.query(
        `SELECT f.id, f.evidence_id, f.file_name, f.size, f.mime_type, f.sha256 FROM evidence_files f
           JOIN evidence e ON e.id = f.evidence_id WHERE e.occurrence_id = $1 ORDER BY f.file_name`,
        [id],
      ),
      this.manager.query(
        `SELECT v.id, v.evidence_id, v.decision, v.state, v.state_reason, v.comment, v.rework_due::text AS rework_due, v.outcome_reason,
                v.created_at, v.reviewer_id, u.full_name AS reviewer, v.on_behalf_of_id
           FROM reviews v JOIN users u ON u.id = v.reviewer_id WHERE v.occurrence_id = $1 ORDER BY v.created_at DESC`,
        [id],
      ),
      this.manager.query(
        `SELECT d.id, d.current_due::text AS current_due, d.proposed_due::text AS proposed_due, d.reason, d.status, d.decision_comment,
                d.created_at, d.decided_at, u.full_name AS requested_by
           FROM deadline_changes d JOIN users u ON u.id = d.requested_by_id WHERE d.occurrence_id = $1 ORDER BY d.created_at DESC`,
        [id],
      ),
    ]);
    let plan = reminders.map((r: Row) => ({
      at: new Date(r.at).toISOString(),
      kind: r.kind,
      level: r.level,
      sent: r.sent,
      state: r.state,
      sentAt: r.sent_at ? new Date(r.sent_at).toISOString() : null,
      recipients: r.recipients,
      organizationId: r.organization_id,
    }));
    if (plan.length === 0) plan = await this.livePlan(ctx.activity.workflowId, id);
    return {
      id: o.id,
      activityId: o.activityId,
      roadmapId: o.roadmapId,
      roadmapTitle: ctx.roadmap.title,
      number: ctx.activity.number,
      section: ctx.activity.section,
      title: ctx.activity.title,
      term: ctx.activity.termRaw,
      result: ctx.activity.result,
      expectsDocument: expectsDocumentDetails(ctx.activity.result),
      kind: o.kind,
      label: o.label,
      seq: o.seq,
      start: o.start,
      baselineDue: o.baselineDue,
      due: o.due,
      reworkDue: o.reworkDue,
      status: o.status,
      overdue: o.overdue || isOverdue(o, this.clock.today(ctx.region.tz)),
      escalationLevel: o.escalationLevel,
      outcome: o.outcome,
      outcomeReason: o.outcomeReason,
      delayNote: o.delayNote,
      pastDueAtLaunch: o.pastDueAtLaunch,
      pastDueDecision: o.pastDueDecision,
      organizations: ctx.parts.map((p) => {
        const s = partStates.find((x: Row) => x.organization_id === p.organizationId);
        return {
          ...p,
          status: s?.status ?? o.status,
          overdue: s?.overdue ?? o.overdue,
          escalationLevel: s?.escalation_level ?? 0,
          reworkDue: s?.rework_due ?? null,
          late: s?.late ?? false,
        };
      }),
      executors: ctx.executors,
      reminders: plan,
      evidence: evidence.map((e: Row) => ({
        id: e.id,
        version: e.version,
        state: e.state,
        stateReason: e.state_reason,
        comment: e.comment,
        documentNumber: e.document_number,
        documentDate: e.document_date,
        organizationId: e.organization_id,
        submittedBy: { id: e.submitted_by_id, fullName: e.submitted_by },
        onBehalfOf: e.on_behalf_of_id ? { id: e.on_behalf_of_id, fullName: e.on_behalf_of } : null,
        createdAt: e.created_at,
        files: files
          .filter((f: Row) => f.evidence_id === e.id)
          .map((f: Row) => ({
            id: f.id,
            fileName: f.file_name,
            size: f.size,
            mimeType: f.mime_type,
            sha256: f.sha256,
            url: `/api/evidence/files/${f.id}`,
          })),
      })),
      reviews: reviews.map((v: Row) => ({
        id: v.id,
        evidenceId: v.evidence_id,
        decision: v.decision,
        state: v.state,
        stateReason: v.state_reason,
        comment: v.comment,
        reworkDue: v.rework_due,
        outcomeReason: v.outcome_reason,
        reviewer: { id: v.reviewer_id, fullName: v.reviewer },
        onBehalfOfId: v.on_behalf_of_id,
        createdAt: v.created_at,
      })),
      deadlineChanges: changes.map((d: Row) => ({
        id: d.id,
        currentDue: d.current_due,
        proposedDue: d.proposed_due,
        reason: d.reason,
        status: d.status,
        decisionComment: d.decision_comment,
        requestedBy: d.requested_by,
        createdAt: d.created_at,
        decidedAt: d.decided_at,
      })),
    };
  }

  /** Before the engine's first projection lands, the workflow itself says what it plans. */
  private async livePlan(workflowId: string | null, occurrenceId: string) {
    if (!workflowId) return [];
    try {
      const state = await this.gateway.query(workflowId, stateQuery, STATE_QUERY_TIMEOUT_MS);
      const occ = state.occurrences.find((o) => o.occurrenceId === occurrenceId);
      return (occ?.plan ?? []).map((n) => ({
        at: n.at,
        kind: n.kind,
        level: n.level,
        sent: n.state === 'sent',
        state: n.state,
        sentAt: n.sentAt ?? null,
        recipients: n.recipients,
        organizationId: n.organizationId,
      }));
    } catch {
      return [];
    }
  }

  /** Everything that happened to the occurrence, from the append-only audit log. */
  async history(user: AuthUser, id: string) {
    const ctx = await this.contexts.load(user, id);
    const rows: Row[] = await this.manager.query(
      `SELECT at, action, actor_id, actor_name, on_behalf_of_id, on_behalf_of_name, entity_type, entity_id, before, after
         FROM audit_events
        WHERE (entity_type = 'occurrence' AND entity_id = $1)
           OR (entity_type IN ('evidence', 'review', 'deadline_change') AND after->>'occurrenceId' = $1)
           OR (entity_type = 'activity' AND entity_id = $2)
        ORDER BY at, id`,
      [id, ctx.activity.id],
    );
    return rows.map((r: Row) => ({
      at: r.at,
      action: r.action,
      actor: r.actor_id ? { id: r.actor_id, fullName: r.actor_name } : null,
      onBehalfOf: r.on_behalf_of_id ? { id: r.on_behalf_of_id, fullName: r.on_behalf_of_name } : null,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
    }));
  }

  async delayNote(user: AuthUser, id: string, note: string) {
    const ctx = await this.contexts.load(user, id);
    const onBehalfOf = this.access.actingFor(ctx.scope, (s) => canWriteDelayNote(s, ctx.where));
    assert(
      onBehalfOf !== undefined,
      'Пояснение о причине задержки пишет руководитель ответственной организации или куратор',
    );
    await this.manager.transaction(async (tx) => {
      await tx.update(
        Occurrence,
        { id },
        { delayNote: note.trim(), delayNoteById: user.id, delayNoteAt: new Date() },
      );
      await this.audit.record(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf,
          action: 'occurrence.delay_note',
          entityType: 'occurrence',
          entityId: id,
          regionId: ctx.roadmap.regionId,
          before: { delayNote: ctx.occurrence.delayNote },
          after: { delayNote: note.trim() },
        },
        tx,
      );
    });
    return { id, delayNote: note.trim() };
  }
}
