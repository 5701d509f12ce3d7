import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type DeadlineChangeStatus = 'requested' | 'approved' | 'refused';

/** A request to move an occurrence's due date, and the curator's decision. */
@Check('CHK_deadline_changes_status', `"status" IN ('requested','approved','refused')`)
@Entity({ name: 'deadline_changes' })
@Index('ix_deadline_changes_occurrence', ['occurrenceId'])
@Index('ix_deadline_changes_status', ['status'])
export class DeadlineChange {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'occurrence_id', type: 'uuid' }) occurrenceId!: string;
  @Column({ name: 'requested_by_id', type: 'uuid' }) requestedById!: string;
  @Column({ name: 'current_due', type: 'date' }) currentDue!: string;
  @Column({ name: 'proposed_due', type: 'date' }) proposedDue!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'varchar', length: 16 }) status!: DeadlineChangeStatus;
  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true }) decidedById!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decision_comment', type: 'text', nullable: true }) decisionComment!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
