import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * Every message the engine sends, keyed by (workflow, occurrence, kind, level[, recipient]): a retried
 * activity or a restarted worker finds the key and never sends twice. Written by the workflows' activities.
 */
@Entity({ name: 'notification_outbox' })
@Index('ix_notification_outbox_status', ['status', 'createdAt'])
@Index('ix_notification_outbox_occurrence', ['occurrenceId'])
export class NotificationOutbox {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 400, unique: true }) idempotencyKey!: string;
  @Column({ name: 'workflow_id', type: 'varchar', length: 128, nullable: true }) workflowId!: string | null;
  @Column({ name: 'occurrence_id', type: 'uuid', nullable: true }) occurrenceId!: string | null;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'varchar', length: 40 }) kind!: string;
  /** `d10`, `d3`, `d0` for reminders; `1`, `2`, … for escalation levels. */
  @Column({ type: 'varchar', length: 16, default: '' }) level!: string;
  /** Email address. */
  @Column({ type: 'varchar', length: 320 }) recipient!: string;
  @Column({ name: 'recipient_user_id', type: 'uuid', nullable: true }) recipientUserId!: string | null;
  /** When a deputy receives it instead of the person named. */
  @Column({ name: 'on_behalf_of_user_id', type: 'uuid', nullable: true }) onBehalfOfUserId!: string | null;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text', default: '' }) text!: string;
  @Column({ type: 'text', nullable: true }) html!: string | null;
  @Column({ type: 'varchar', length: 16, default: 'pending' }) status!: OutboxStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
