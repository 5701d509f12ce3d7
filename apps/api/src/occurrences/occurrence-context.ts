import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { AccessScope, assert, canViewOccurrence, notFound, OccurrenceScope } from '@karta/domain';
import { Activity, Occurrence, Region, Roadmap } from '@karta/persistence';
import { AccessService, ActorScope } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';

export interface OccurrenceContext {
  occurrence: Occurrence;
  activity: Activity;
  roadmap: Roadmap;
  region: Region;
  parts: Array<{ organizationId: string; name: string; lead: boolean }>;
  executors: Array<{ userId: string; organizationId: string; fullName: string }>;
  where: OccurrenceScope;
  scope: ActorScope;
}

/** Loads an occurrence with what the access rules need, and refuses (404/403) whoever may not see it. */
@Injectable()
export class OccurrenceContextLoader {
  constructor(
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly access: AccessService,
  ) {}

  async load(user: AuthUser, id: string, manager: EntityManager = this.manager): Promise<OccurrenceContext> {
    const occurrence = await manager.findOne(Occurrence, { where: { id } });
    if (!occurrence) throw notFound('occurrence_not_found', 'Мероприятие (срок) не найдено');
    const activity = await manager.findOneByOrFail(Activity, { id: occurrence.activityId });
    const roadmap = await manager.findOneByOrFail(Roadmap, { id: occurrence.roadmapId });
    const region = await manager.findOneByOrFail(Region, { id: roadmap.regionId });
    const parts: Array<{ organization_id: string; name: string; lead: boolean }> = await manager.query(
      `SELECT p.organization_id, o.name, p.lead FROM activity_parts p JOIN organizations o ON o.id = p.organization_id
        WHERE p.activity_id = $1 ORDER BY p.lead DESC, o.name`,
      [activity.id],
    );
    const executors: Array<{ user_id: string; organization_id: string; full_name: string }> =
      await manager.query(
        `SELECT e.user_id, e.organization_id, u.full_name FROM activity_executors e JOIN users u ON u.id = e.user_id
        WHERE e.activity_id = $1 ORDER BY u.full_name`,
        [activity.id],
      );
    const where: OccurrenceScope = {
      regionId: roadmap.regionId,
      organizationIds: parts.map((p) => p.organization_id),
      executorIds: executors.map((e) => e.user_id),
    };
    const scope = await this.access.scopeFor(user);
    assert(canViewOccurrence(scope, where), 'Это мероприятие вам не назначено: нет доступа');
    return {
      occurrence,
      activity,
      roadmap,
      region,
      parts: parts.map((p) => ({ organizationId: p.organization_id, name: p.name, lead: p.lead })),
      executors: executors.map((e) => ({
        userId: e.user_id,
        organizationId: e.organization_id,
        fullName: e.full_name,
      })),
      where,
      scope,
    };
  }

  /** The part an actor reports for: the one he executes, else the one he heads (the lead one first). */
  partFor(ctx: OccurrenceContext, scope: AccessScope, requested?: string): string | undefined {
    if (requested) return requested;
    const mine = ctx.parts.filter((p) =>
      ctx.executors.some((e) => e.organizationId === p.organizationId && scope.actingFor.has(e.userId)),
    );
    const headed = ctx.parts.filter((p) => scope.headOrgs.has(p.organizationId));
    return (mine[0] ?? headed.find((p) => p.lead) ?? headed[0] ?? ctx.parts.find((p) => p.lead))
      ?.organizationId;
  }
}
