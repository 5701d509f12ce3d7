import { DataSource } from 'typeorm';
import { AuditRepository, ProjectionRepository } from '../../../../libs/persistence/src/repositories';
import type { EngineEvent, ProjectionInput } from '../../../../workflows/src/activity-contract';
import { Projection } from '../../../../activities/src/ports';
import { uuidOrNull } from './pg-outbox';

/**
 * Events the engine originates. Human actions (submit, review, deadline change…) are audited by the API
 * with their actor, so they are not written twice.
 */
const AUDITED: ReadonlySet<EngineEvent['type']> = new Set(['escalated', 'overdue', 'notification-failed']);

/** Writes workflow snapshots through libs/persistence's ProjectionRepository, in one transaction per call. */
export class PgProjection implements Projection {
  constructor(private readonly dataSource: DataSource) {}

  async apply(input: ProjectionInput): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const projection = new ProjectionRepository(manager);
      for (const occurrence of input.occurrences) {
        if (uuidOrNull(occurrence.occurrenceId)) await projection.applyOccurrence(occurrence, input.seq);
      }
      const events = input.events.filter((e) => AUDITED.has(e.type));
      if (events.length === 0) return;
      const regionId = await this.regionOf(manager, input.roadmapId);
      const audit = new AuditRepository(manager);
      for (const e of events) {
        const entityType = e.occurrenceId ? 'occurrence' : 'activity';
        const entityId = e.occurrenceId ?? input.activityId;
        const action = `engine.${e.type}`;
        // The audit log is append-only: a retried activity checks for its own event key first.
        const seen: unknown[] = await manager.query(
          `SELECT 1 FROM audit_events WHERE entity_type = $1 AND entity_id = $2 AND action = $3 AND after->>'eventKey' = $4 LIMIT 1`,
          [entityType, entityId, action, e.key],
        );
        if (seen.length) continue;
        await audit.append({
          actorId: null,
          action,
          entityType,
          entityId,
          regionId,
          before: e.before ?? null,
          after: {
            eventKey: e.key,
            at: e.at,
            organizationId: e.organizationId,
            level: e.level,
            ...(isObject(e.after) ? e.after : {}),
          },
        });
      }
    });
  }

  private async regionOf(manager: { query: DataSource['query'] }, roadmapId: string): Promise<string | null> {
    if (!uuidOrNull(roadmapId)) return null;
    const rows: Array<{ region_id: string }> = await manager.query(
      `SELECT region_id FROM roadmaps WHERE id = $1`,
      [roadmapId],
    );
    return rows[0]?.region_id ?? null;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
