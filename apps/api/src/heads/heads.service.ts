import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  addDays,
  assert,
  assertActive,
  canReassign,
  effectiveDue,
  invalid,
  notFound,
  OccurrenceScope,
} from '@karta/domain';
import { Activity, ActivityExecutor, OrganizationRepository, Roadmap } from '@karta/persistence';
import type { Person, ReassignExecutorInput } from '../../../../workflows/src/messages';
import { AccessService } from '../common/access.service';
import { AuditService } from '../common/audit.service';
import type { AuthUser } from '../common/auth-user';
import { TASK_COLUMNS, TaskRow, taskView } from '../occurrences/occurrence-views';
import { answer } from '../occurrences/workflow-actions';
import { CommandDispatcher } from '../temporal/command-dispatcher';
import { ReassignDto } from './heads.dto';
import { Clock } from '../common/clock';

/** Heads of organizations: their subtree's overdue and due-soon items, reassignment of executors. */
@Injectable()
export class HeadsService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly dispatcher: CommandDispatcher,
  ) {}

  onModuleInit(): void {
    this.dispatcher.register('reassign', {
      accepted: async (tx, command) => {
        const [, activityId, assignedById] = command.subject!.split(':');
        const input = command.payload as ReassignExecutorInput;
        await tx.delete(ActivityExecutor, { activityId, organizationId: input.organizationId });
        await tx.insert(
          ActivityExecutor,
          input.executors.map((p) => ({
            activityId,
            organizationId: input.organizationId,
            userId: p.userId,
            assignedById,
          })),
        );
      },
      rejected: async () => undefined,
    });
  }

  /** Items of the organizations he heads (and their children): overdue, and due within `days`. */
  async overview(user: AuthUser, days = 14) {
    const scope = await this.access.scopeFor(user);
    assert(
      scope.headOrgs.size > 0 || scope.admin || scope.curatorRegions.size > 0,
      'Раздел руководителя: вы не руководите организацией',
    );
    const orgIds = [...scope.headOrgs];
    const rows: TaskRow[] = await this.manager.query(
      `SELECT DISTINCT ON (o.due, o.id, p.organization_id) ${TASK_COLUMNS}, org.name AS organization, p.organization_id,
              (SELECT string_agg(u.full_name, ', ' ORDER BY u.full_name) FROM activity_executors e JOIN users u ON u.id = e.user_id
                WHERE e.activity_id = a.id AND e.organization_id = p.organization_id) AS executors
         FROM occurrences o
         JOIN activities a ON a.id = o.activity_id
         JOIN roadmaps r ON r.id = o.roadmap_id AND r.status = 'active'
         JOIN regions g ON g.id = r.region_id
         JOIN activity_parts p ON p.activity_id = a.id AND p.organization_id = ANY($1::uuid[])
         JOIN organizations org ON org.id = p.organization_id
        WHERE o.status IN ('planned', 'open', 'returned', 'submitted')
        ORDER BY o.due, o.id, p.organization_id`,
      [orgIds],
    );
    const items = rows.map((r) => ({
      ...taskView(r, this.clock.now()),
      executors: (r as TaskRow & { executors: string | null }).executors,
    }));
    const soon = (i: (typeof items)[number]) => {
      const today = this.clock.today(rows.find((r) => r.id === i.id)!.tz);
      return (
        !i.overdue &&
        ['planned', 'open', 'returned'].includes(i.status) &&
        effectiveDue({ status: i.status, due: i.due, reworkDue: i.reworkDue }) <= addDays(today, days)
      );
    };
    return { organizationIds: orgIds, overdue: items.filter((i) => i.overdue), dueSoon: items.filter(soon) };
  }

  async reassign(user: AuthUser, activityId: string, dto: ReassignDto) {
    const activity = await this.manager.findOne(Activity, { where: { id: activityId } });
    if (!activity) throw notFound('activity_not_found', 'Мероприятие не найдено');
    const roadmap = await this.manager.findOneByOrFail(Roadmap, { id: activity.roadmapId });
    assertActive(roadmap.status);
    const parts: Array<{ organization_id: string }> = await this.manager.query(
      `SELECT organization_id FROM activity_parts WHERE activity_id = $1`,
      [activityId],
    );
    if (!parts.some((p) => p.organization_id === dto.organizationId)) {
      throw invalid('organization_not_in_activity', 'Организация не участвует в мероприятии', {
        field: 'organizationId',
      });
    }
    const where: OccurrenceScope = {
      regionId: roadmap.regionId,
      organizationIds: [dto.organizationId],
      executorIds: [],
    };
    const scope = await this.access.scopeFor(user);
    const onBehalfOf = this.access.actingFor(scope, (s) => canReassign(s, where));
    assert(
      onBehalfOf !== undefined,
      'Переназначить исполнителя может руководитель этой организации или куратор',
    );

    // Executors come from the organization itself or its children.
    const subtree = await new OrganizationRepository(this.manager).subtreeIds([dto.organizationId]);
    const people: Array<{ id: string; email: string; full_name: string }> = await this.manager.query(
      `SELECT DISTINCT u.id, u.email, u.full_name FROM users u JOIN role_assignments ra ON ra.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND ra.organization_id = ANY($2::uuid[]) AND u.active`,
      [dto.userIds, subtree],
    );
    const missing = dto.userIds.filter((id) => !people.some((p) => p.id === id));
    if (missing.length)
      throw invalid(
        'user_not_in_organization',
        'Исполнителем можно назначить только сотрудника этой организации (или подведомственной)',
        { field: 'userIds', userIds: missing },
      );
    const executors: Person[] = people.map((p) => ({ userId: p.id, email: p.email, name: p.full_name }));

    const commandId = randomUUID();
    await this.manager.transaction(async (tx) => {
      const before: Array<{ user_id: string }> = await tx.query(
        `SELECT user_id FROM activity_executors WHERE activity_id = $1 AND organization_id = $2`,
        [activityId, dto.organizationId],
      );
      const payload: ReassignExecutorInput = {
        organizationId: dto.organizationId,
        executors,
        actor: {
          userId: user.id,
          role: scope.curatorRegions.has(roadmap.regionId) ? 'curator' : 'head',
          ...(onBehalfOf ? { onBehalfOf } : {}),
        },
      };
      await this.dispatcher.enqueue(tx, {
        id: commandId,
        workflowId: activity.workflowId!,
        name: 'reassignExecutor',
        payload,
        subject: `reassign:${activityId}:${user.id}`,
      });
      await this.audit.record(
        {
          actorId: user.id,
          onBehalfOfId: onBehalfOf ?? null,
          action: 'activity.reassigned',
          entityType: 'activity',
          entityId: activityId,
          regionId: roadmap.regionId,
          before: { organizationId: dto.organizationId, executors: before.map((b) => b.user_id) },
          after: { organizationId: dto.organizationId, executors: dto.userIds },
        },
        tx,
      );
    });
    const outcome = await this.dispatcher.deliver(commandId);
    return answer(
      outcome,
      {
        activityId,
        organizationId: dto.organizationId,
        executors: executors.map((e) => ({ userId: e.userId, fullName: e.name })),
      },
      'Переназначение не применено',
    );
  }
}
