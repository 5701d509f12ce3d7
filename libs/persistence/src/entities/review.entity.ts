import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ActionState } from './evidence.entity';

@Check('CHK_reviews_decision', `"decision" IN ('approve','return')`)
@Check('CHK_reviews_state', `"state" IN ('pending','accepted','rejected')`)
@Entity({ name: 'reviews' })
@Index('ix_reviews_occurrence', ['occurrenceId'])
export class Review {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'occurrence_id', type: 'uuid' }) occurrenceId!: string;
  @Column({ name: 'evidence_id', type: 'uuid', nullable: true }) evidenceId!: string | null;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'varchar', length: 16 }) decision!: 'approve' | 'return';
  @Column({ type: 'text', nullable: true }) comment!: string | null;
  @Column({ name: 'rework_due', type: 'date', nullable: true }) reworkDue!: string | null;
  @Column({ name: 'outcome_reason', type: 'text', nullable: true }) outcomeReason!: string | null;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId!: string;
  @Column({ name: 'on_behalf_of_id', type: 'uuid', nullable: true }) onBehalfOfId!: string | null;
  @Column({ type: 'varchar', length: 16 }) state!: ActionState;
  @Column({ name: 'state_reason', type: 'text', nullable: true }) stateReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
