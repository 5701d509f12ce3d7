import { Column, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * The notification plan of an occurrence (messages.ts `PlannedNotification`): planned and sent reminders
 * and escalations, shown in `GET /api/occurrences/:id`. One row per (occurrence, organization, kind, level).
 */
@Entity({ name: 'reminders' })
@Unique('uq_reminders_step', ['occurrenceId', 'organizationId', 'kind', 'level'])
@Index('ix_reminders_at', ['at'])
export class Reminder {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'occurrence_id', type: 'uuid' }) occurrenceId!: string;
  /** The organization's part; `00000000-…` is never used: null means the occurrence as a whole. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** `reminder | escalation` */
  @Column({ type: 'varchar', length: 16 }) kind!: string;
  @Column({ type: 'varchar', length: 16 }) level!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) recipients!: string[];
  /** `planned | sent | skipped` */
  @Column({ type: 'varchar', length: 16, default: 'planned' }) state!: string;
  @Column({ type: 'boolean', default: false }) sent!: boolean;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
