import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { assert, isOverdue, OccurrenceStatus } from '@karta/domain';
import { AccessService } from '../common/access.service';
import type { AuthUser } from '../common/auth-user';
import { TASK_COLUMNS, TaskRow, taskView } from '../occurrences/occurrence-views';
import { RoadmapsService } from '../roadmaps/roadmaps.service';
import { Clock } from '../common/clock';

/** The ministry's views: what waits for review, deadline change requests, the progress of a roadmap. */
@Injectable()
export class CuratorsService {
  constructor(
    private readonly clock: Clock,
    @InjectEntityManager() private readonly manager: EntityManager,
    private readonly access: AccessService,
    private readonly roadmaps: RoadmapsService,
  ) {}

  private async regions(user: AuthUser): Promise<string[] | null> {
    const scope = await this.access.scopeFor(user);
    assert(scope.admin || scope.curatorRegions.size > 0, 'Раздел куратора министерства');
    return scope.admin ? null : [...scope.curatorRegions];
  }

  async reviewQueue(user: AuthUser) {
    const regions = await this.regions(user);
    const rows: Array<
      TaskRow & { evidence_id: string; version: number; submitted_at: Date; submitted_by: string }
    > = await this.manager.query(
      `SELECT ${TASK_COLUMNS}, NULL AS organization, e.id AS evidence_id, e.version, e.created_at AS submitted_at, u.full_name AS submitted_by
         FROM occurrences o
         JOIN activities a ON a.id = o.activity_id
         JOIN roadmaps r ON r.id = o.roadmap_id AND r.status = 'active'
         JOIN regions g ON g.id = r.region_id
         LEFT JOIN LATERAL (SELECT * FROM evidence x WHERE x.occurrence_id = o.id AND x.state = 'accepted' ORDER BY x.version DESC LIMIT 1) e ON true
         LEFT JOIN users u ON u.id = e.submitted_by_id
        WHERE o.status = 'submitted' AND ($1::uuid[] IS NULL OR r.region_id = ANY($1::uuid[]))
        ORDER BY e.created_at NULLS LAST, o.due`,
      [regions],
    );
    return rows.map((r) => ({
      ...taskView(r, this.clock.now()),
      evidence: r.evidence_id
        ? { id: r.evidence_id, version: r.version, submittedAt: r.submitted_at, submittedBy: r.submitted_by }
        : null,
    }));
  }

  async deadlineChanges(user: AuthUser, status = 'requested') {
    const regions = await this.regions(user);
    return this.manager.query(
      `SELECT d.id, d.occurrence_id AS "occurrenceId", a.number, a.title, d.current_due::text AS "currentDue", d.proposed_due::text AS "proposedDue",
              d.reason, d.status, u.full_name AS "requestedBy", d.created_at AS "createdAt"
         FROM deadline_changes d JOIN occurrences o ON o.id = d.occurrence_id JOIN activities a ON a.id = o.activity_id
         JOIN users u ON u.id = d.requested_by_id
        WHERE d.status = $2 AND ($1::uuid[] IS NULL OR o.region_id = ANY($1::uuid[]))
        ORDER BY d.created_at`,
      [regions, status],
    );
  }

  /** Counts by status and by direction (top-level section), and who is late, by organization. */
  async progress(user: AuthUser, roadmapId: string) {
    const roadmap = await this.roadmaps.managed(user, roadmapId);
    const [{ tz }] = await this.manager.query(`SELECT tz FROM regions WHERE id = $1`, [roadmap.regionId]);
    const today = this.clock.today(tz);
    const rows: Array<{
      id: string;
      status: OccurrenceStatus;
      due: string;
      rework_due: string | null;
      overdue: boolean;
      direction: string | null;
      outcome: string | null;
    }> = await this.manager.query(
      `SELECT o.id, o.status, o.due::text AS due, o.rework_due::text AS rework_due, o.overdue, o.outcome, a.section[1] AS direction
         FROM occurrences o JOIN activities a ON a.id = o.activity_id WHERE o.roadmap_id = $1`,
      [roadmapId],
    );
    const byStatus: Record<string, number> = {
      planned: 0,
      open: 0,
      submitted: 0,
      returned: 0,
      approved: 0,
      cancelled: 0,
    };
    const byOutcome: Record<string, number> = {};
    const directions = new Map<
      string,
      {
        direction: string;
        total: number;
        approved: number;
        overdue: number;
        byStatus: Record<string, number>;
      }
    >();
    let overdue = 0;
    for (const r of rows) {
      const late = r.overdue || isOverdue({ status: r.status, due: r.due, reworkDue: r.rework_due }, today);
      byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
      if (r.outcome) byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
      if (late) overdue++;
      const key = r.direction ?? 'Без раздела';
      const d = directions.get(key) ?? { direction: key, total: 0, approved: 0, overdue: 0, byStatus: {} };
      d.total++;
      if (r.status === 'approved') d.approved++;
      if (late) d.overdue++;
      d.byStatus[r.status] = (d.byStatus[r.status] ?? 0) + 1;
      directions.set(key, d);
    }
    // Each organization's own part: its status and the date it is held to (a returned part, its rework date).
    const byOrganization = await this.manager.query(
      `SELECT org.id AS "organizationId", org.name, count(*)::int AS total,
              count(*) FILTER (WHERE coalesce(p.overdue, false) OR (coalesce(p.status, o.status) IN ('planned','open','returned') AND coalesce(p.rework_due, o.rework_due, o.due) < $2::date))::int AS overdue,
              count(*) FILTER (WHERE coalesce(p.status, o.status) = 'approved')::int AS approved
         FROM occurrences o JOIN activity_parts ap ON ap.activity_id = o.activity_id
         JOIN organizations org ON org.id = ap.organization_id
         LEFT JOIN occurrence_parts p ON p.occurrence_id = o.id AND p.organization_id = ap.organization_id
        WHERE o.roadmap_id = $1 GROUP BY org.id, org.name ORDER BY overdue DESC, org.name`,
      [roadmapId, today],
    );
    return {
      roadmapId,
      asOf: today,
      total: rows.length,
      overdue,
      byStatus,
      byOutcome,
      byDirection: [...directions.values()],
      byOrganization,
    };
  }
}
