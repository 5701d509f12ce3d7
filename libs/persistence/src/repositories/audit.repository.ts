import { EntityManager } from 'typeorm';
import type { AuditRecord } from '@karta/domain';
import { AuditEvent } from '../entities/audit-event.entity';

/** Appends to the audit log (the table refuses updates and deletes); names are resolved once, at write time. */
export class AuditRepository {
  constructor(private readonly manager: EntityManager) {}

  async append(record: AuditRecord): Promise<void> {
    const ids = [record.actorId, record.onBehalfOfId].filter((x): x is string => !!x);
    const names = new Map<string, string>();
    if (ids.length) {
      const rows: Array<{ id: string; full_name: string }> = await this.manager.query(
        `SELECT id, full_name FROM users WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      rows.forEach((r) => names.set(r.id, r.full_name));
    }
    await this.manager.insert(AuditEvent, {
      actorId: record.actorId,
      actorName: record.actorId ? (names.get(record.actorId) ?? null) : null,
      onBehalfOfId: record.onBehalfOfId ?? null,
      onBehalfOfName: record.onBehalfOfId ? (names.get(record.onBehalfOfId) ?? null) : null,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId,
      regionId: record.regionId ?? null,
      before: (record.before ?? null) as never,
      after: (record.after ?? null) as never,
    });
  }
}
