import { DataSource } from 'typeorm';
import { DeliveryResult, InvalidAddressError, Outbox, OutboxEntry } from '../../../../activities/src/ports';

/**
 * The outbox in PostgreSQL (`notification_outbox`, owned by libs/persistence). `record` commits the row
 * before anything is sent; `deliver` holds the row while sending, so two attempts
 * can never send the same key at once (`FOR UPDATE SKIP LOCKED`), and a crashed worker's lock goes with its connection.
 */
export class PgOutbox implements Outbox {
  constructor(private readonly dataSource: DataSource) {}

  async record(e: OutboxEntry): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_outbox (idempotency_key, workflow_id, occurrence_id, organization_id, kind, level,
         recipient, recipient_user_id, on_behalf_of_user_id, subject, text, html, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'pending')
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        e.key,
        e.workflowId,
        uuidOrNull(e.occurrenceId),
        uuidOrNull(e.organizationId),
        e.kind,
        e.level.slice(0, 16),
        e.recipient,
        uuidOrNull(e.recipientUserId),
        uuidOrNull(e.onBehalfOfUserId),
        e.subject,
        e.text,
        e.html,
      ],
    );
  }

  async deliver(key: string, send: () => Promise<void>): Promise<DeliveryResult> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // SKIP LOCKED: a row held by another attempt reads as absent; then it exists but is busy.
      const rows: Array<{ status: string }> = await runner.query(
        `SELECT status FROM notification_outbox WHERE idempotency_key = $1 FOR UPDATE SKIP LOCKED`,
        [key],
      );
      if (rows.length === 0) {
        const exists: unknown[] = await runner.query(
          `SELECT 1 FROM notification_outbox WHERE idempotency_key = $1`,
          [key],
        );
        await runner.rollbackTransaction();
        if (exists.length) return 'busy';
        throw new Error(`outbox entry ${key} was not recorded`);
      }
      const status = rows[0].status;
      if (status === 'sent' || status === 'failed') {
        await runner.commitTransaction();
        return status === 'sent' ? 'already-sent' : 'failed';
      }
      try {
        await send();
      } catch (error) {
        await runner.query(
          `UPDATE notification_outbox SET attempts = attempts + 1, last_error = $2,
             status = CASE WHEN $3 THEN 'failed' ELSE status END
           WHERE idempotency_key = $1`,
          [
            key,
            String((error as Error)?.message ?? error).slice(0, 2000),
            error instanceof InvalidAddressError,
          ],
        );
        await runner.commitTransaction();
        throw error;
      }
      await runner.query(
        `UPDATE notification_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
         WHERE idempotency_key = $1`,
        [key],
      );
      // The occurrence's plan shows the step as sent from the moment the email left (see engine.tick).
      await runner.query(
        `UPDATE reminders r SET state = 'sent', sent = true, sent_at = coalesce(r.sent_at, now()), updated_at = now()
           FROM notification_outbox o
          WHERE o.idempotency_key = $1 AND o.kind IN ('reminder', 'escalation')
            AND r.occurrence_id = o.occurrence_id AND r.organization_id IS NOT DISTINCT FROM o.organization_id
            AND r.kind = o.kind AND r.level = o.level`,
        [key],
      );
      await runner.commitTransaction();
      return 'sent';
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function uuidOrNull(value: string | null | undefined): string | null {
  return value && UUID.test(value) ? value : null;
}
