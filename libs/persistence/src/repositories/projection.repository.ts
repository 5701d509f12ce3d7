import { EntityManager } from 'typeorm';
import type { OccurrenceResult } from '../../../../workflows/src/messages';

/**
 * Writes a workflow's view of one occurrence (its `OccurrenceResult`) into the queryable projection:
 * the occurrence row, its organizations' parts and its reminder/escalation plan. Shared by the API (after
 * an accepted update) and the engine's `project` activity, so both write the same way.
 *
 * `seq` is the workflow's projection sequence; a snapshot older than the one stored is ignored. The API
 * passes null (an update's own answer is always current for the fields it changed).
 */
export class ProjectionRepository {
  constructor(private readonly manager: EntityManager) {}

  async applyOccurrence(state: OccurrenceResult, seq: number | null): Promise<boolean> {
    const lead = state.parts.find((p) => p.lead) ?? state.parts[0];
    // TypeORM answers an UPDATE … RETURNING as [rows, affected].
    const [rows]: [Array<{ id: string }>, number] = await this.manager.query(
      `UPDATE occurrences SET
         status = $2, due = $3, start = $4, overdue = $5, escalation_level = $6,
         outcome = $7, outcome_reason = $8, closed_at = $9, rework_due = $10,
         first_submitted_on = $11, last_submitted_on = $12, label = coalesce($13, label),
         projection_seq = greatest(projection_seq, coalesce($14, projection_seq)), updated_at = now()
       WHERE id = $1 AND ($14::int IS NULL OR projection_seq <= $14)
       RETURNING id`,
      [
        state.occurrenceId,
        state.status,
        state.due,
        state.start,
        state.overdue,
        state.escalationLevel,
        state.outcome ?? null,
        state.outcomeReason ?? null,
        state.closedAt ?? null,
        lead?.reworkDue ?? null,
        lead?.firstSubmittedOn ?? null,
        lead?.lastSubmittedOn ?? null,
        state.label ?? null,
        seq,
      ],
    );
    if (rows.length === 0) return false;

    for (const p of state.parts) {
      await this.manager.query(
        `INSERT INTO occurrence_parts (occurrence_id, organization_id, lead, status, due, rework_due, overdue,
           escalation_level, first_submitted_on, last_submitted_on, late, projection_seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, 0))
         ON CONFLICT (occurrence_id, organization_id) DO UPDATE SET
           lead = EXCLUDED.lead, status = EXCLUDED.status, due = EXCLUDED.due, rework_due = EXCLUDED.rework_due,
           overdue = EXCLUDED.overdue, escalation_level = EXCLUDED.escalation_level,
           first_submitted_on = EXCLUDED.first_submitted_on, last_submitted_on = EXCLUDED.last_submitted_on,
           late = EXCLUDED.late, projection_seq = greatest(occurrence_parts.projection_seq, EXCLUDED.projection_seq),
           updated_at = now()
         WHERE $12::int IS NULL OR occurrence_parts.projection_seq <= $12`,
        [
          state.occurrenceId,
          p.organizationId,
          p.lead,
          p.status,
          p.due,
          p.reworkDue,
          p.overdue,
          p.escalationLevel,
          p.firstSubmittedOn,
          p.lastSubmittedOn,
          p.late,
          seq,
        ],
      );
    }

    if (state.plan) await this.replacePlan(state);
    return true;
  }

  /** The plan is the workflow's current intention: steps no longer planned (a moved due date) disappear. */
  private async replacePlan(state: OccurrenceResult): Promise<void> {
    const keys = state.plan.map((n) => `${n.organizationId}|${n.kind}|${n.level}`);
    await this.manager.query(
      `DELETE FROM reminders WHERE occurrence_id = $1 AND state = 'planned'
         AND NOT (coalesce(organization_id::text, '') || '|' || kind || '|' || level = ANY($2::text[]))`,
      [state.occurrenceId, keys],
    );
    for (const n of state.plan) {
      await this.manager.query(
        `INSERT INTO reminders (occurrence_id, organization_id, at, kind, level, recipients, state, sent, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (occurrence_id, organization_id, kind, level) DO UPDATE SET
           at = EXCLUDED.at, recipients = EXCLUDED.recipients, state = EXCLUDED.state,
           sent = reminders.sent OR EXCLUDED.sent, sent_at = coalesce(reminders.sent_at, EXCLUDED.sent_at), updated_at = now()`,
        [
          state.occurrenceId,
          n.organizationId,
          n.at,
          n.kind,
          n.level,
          n.recipients,
          n.state,
          n.state === 'sent',
          n.sentAt ?? null,
        ],
      );
    }
  }
}
